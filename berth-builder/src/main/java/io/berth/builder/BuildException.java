package io.berth.builder;

/**
 * A build step that failed, with dockerd's message; {@code code} is the exit code of a failed RUN (0 otherwise),
 * reported in the stream's errorDetail as dockerd's jsonstream.Error does.
 */
public final class BuildException extends RuntimeException {
  private final int code;

  public BuildException(String message) {
    this(message, 0);
  }

  public BuildException(String message, int code) {
    super(message);
    this.code = code;
  }

  public BuildException(String message, Throwable cause) {
    super(message, cause);
    this.code = 0;
  }

  public int code() {
    return code;
  }
}
