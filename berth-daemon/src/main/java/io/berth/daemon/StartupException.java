package io.berth.daemon;

/** The daemon could not start; the message is printed as is (dockerd's wording where it has one). */
public final class StartupException extends Exception {
  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
