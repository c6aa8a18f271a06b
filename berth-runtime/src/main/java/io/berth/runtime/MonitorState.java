package io.berth.runtime;

/**
 * What the files on disk say about a container after a berthd restart ({@link Conmon#inspect}).
 */
public sealed interface MonitorState {
  /** The container exited: conmon wrote its exit code (and saw an OOM kill or not). */
  record Exited(int exitCode, boolean oomKilled) implements MonitorState {
  }

  /** conmon is alive, so the container is running (or created, or paused): reattach to it. */
  record Monitored(int conmonPid, int pid) implements MonitorState {
  }

  /**
   * No exit file and no conmon: the monitor was killed or the host rebooted, so the exit code is
   * lost. The engine should kill and delete what the runtime still knows, and record the container
   * as exited with an unknown status.
   */
  record Lost(String reason) implements MonitorState {
  }
}
