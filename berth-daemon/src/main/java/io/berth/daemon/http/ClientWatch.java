package io.berth.daemon.http;

/**
 * Tells a long-running handler that its client went away (the CLI was interrupted during
 * {@code docker events} or {@code logs -f}). Watching means reading the connection, so the
 * connection is closed after a watched exchange instead of being kept alive.
 */
interface ClientWatch {
  /** Registers a callback run once when the client closes; runs at once if it already has. */
  void onClose(Runnable callback);

  boolean closed();

  /** For requests not coming from a connection (tests, in-process dispatch): never closes. */
  ClientWatch NONE = new ClientWatch() {
    @Override
    public void onClose(Runnable callback) {}

    @Override
    public boolean closed() {
      return false;
    }
  };
}
