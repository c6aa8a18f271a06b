package io.berth.client;

/** A daemon error whose status has no {@link io.berth.common.BerthException} kind (500 and others). */
public final class DaemonException extends RuntimeException {
  private final int status;

  public DaemonException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
