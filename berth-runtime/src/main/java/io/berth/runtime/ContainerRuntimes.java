package io.berth.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;

/**
 * The runtimes a daemon can run containers with, and what they share: the exits their monitors report and
 * the state they keep under the exec root.
 */
public interface ContainerRuntimes {
  /** The runtime of that name; "" for the default one. Unknown names are an InvalidParameter. */
  ContainerRuntime get(String name);

  /** The default runtime's name: configured, else the first that works on this host (probed once). */
  String defaultName() throws IOException;

  /** Every runtime a container may name. */
  Set<String> names();

  /**
   * Calls {@code listener} for each exit a monitor reports, including those reported while no one watched
   * (berthd was down). The listener must be idempotent: an exit may be reported twice.
   */
  Closeable watchExits(ExitWatcher.Listener listener) throws IOException;

  /**
   * Containers the runtimes hold anything for (a monitor, a bundle, runtime state), by ID: what the start-up
   * sweep compares with the containers berth knows, to remove the rest.
   */
  Set<String> held() throws IOException;
}
