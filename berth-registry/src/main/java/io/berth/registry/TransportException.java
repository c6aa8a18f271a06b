package io.berth.registry;

import java.io.IOException;

/**
 * A registry that could not be spoken to at all (refused connection, TLS failure): the kind of
 * error after which dockerd falls back to the next endpoint (https to http, mirror to origin).
 */
public final class TransportException extends IOException {
  public TransportException(String message, IOException cause) {
    super(message, cause);
  }
}
