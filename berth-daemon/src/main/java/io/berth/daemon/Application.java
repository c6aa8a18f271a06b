package io.berth.daemon;

import io.berth.daemon.http.Router;
import java.util.List;
import java.util.Map;

/**
 * What the daemon serves besides its own routes (/_ping, /version): the engine and its Engine
 * API handlers. The daemon creates it from the options once the data-root is locked, installs
 * its routes, and closes it at shutdown after the listeners have stopped.
 */
public interface Application {

  /** Registers the API routes. Called once, before the daemon's own routes (first match wins). */
  void install(Router router);

  /** Extra entries for {@code Components} of {@code GET /version} (e.g. the OCI runtime's version). */
  default List<Map<String, Object>> versionComponents() {
    return List.of();
  }

  /** Stops the engine; called once at shutdown, after the listeners have stopped. */
  default void close() throws Exception {}

  /** Builds the application from the merged options. */
  @FunctionalInterface
  interface Factory {
    Application create(DaemonOptions options) throws Exception;
  }

  /** Serves nothing beyond the daemon's own routes. */
  Application NONE = router -> {};
}
