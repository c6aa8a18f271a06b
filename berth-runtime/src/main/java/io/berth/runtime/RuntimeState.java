package io.berth.runtime;

import java.time.Instant;

/**
 * The runtime's view of a container ({@code runtime state <id>}): status is one of created, running,
 * paused, stopped (the OCI states; runc also reports "pausing"); pid is 0 once stopped.
 */
public record RuntimeState(String id, String status, int pid, String bundle, Instant created) {
  public boolean running() {
    return "running".equals(status);
  }

  public boolean paused() {
    return "paused".equals(status) || "pausing".equals(status);
  }

  public boolean stopped() {
    return "stopped".equals(status);
  }
}
