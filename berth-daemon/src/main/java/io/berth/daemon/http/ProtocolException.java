package io.berth.daemon.http;

import java.io.IOException;

/** A request the server cannot parse: answered with {@link #status()} and the connection closed. */
final class ProtocolException extends IOException {
  private final int status;

  ProtocolException(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
