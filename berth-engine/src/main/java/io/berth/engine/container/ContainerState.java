package io.berth.engine.container;

import java.time.Instant;

/**
 * A container's state as Docker reports it. {@code status} is one of created, running, paused,
 * restarting, removing, exited, dead. {@code monitorPid} is the pid of the container's monitor
 * (conmon), kept so that a restarted berthd can find running containers again.
 */
public record ContainerState(String status, long pid, long monitorPid, int exitCode, String error,
    boolean oomKilled, Instant startedAt, Instant finishedAt, boolean manuallyStopped, Health health) {

  public static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");

  public static ContainerState created() {
    return new ContainerState("created", 0, 0, 0, "", false, ZERO, ZERO, false, null);
  }

  public boolean running() {
    return status.equals("running") || status.equals("paused") || status.equals("restarting");
  }

  public boolean paused() {
    return status.equals("paused");
  }

  public ContainerState started(long pid, long monitorPid, Instant at) {
    return new ContainerState("running", pid, monitorPid, 0, "", false, at, finishedAt, false, health);
  }

  public ContainerState exited(int code, boolean oom, Instant at) {
    return new ContainerState("exited", 0, 0, code, "", oom, startedAt, at, manuallyStopped, health);
  }

  public ContainerState failed(String message, int code) {
    return new ContainerState(status.equals("created") ? "created" : "exited", 0, 0, code, message, false,
        startedAt, finishedAt, manuallyStopped, health);
  }

  public ContainerState withStatus(String newStatus) {
    return new ContainerState(newStatus, pid, monitorPid, exitCode, error, oomKilled, startedAt, finishedAt,
        manuallyStopped, health);
  }

  /** Marks a stop the user asked for: restart policies (but always) leave such a container alone. */
  public ContainerState stoppedByUser(boolean stopped) {
    return new ContainerState(status, pid, monitorPid, exitCode, error, oomKilled, startedAt, finishedAt, stopped,
        health);
  }

  /** The health check's state; null for a container without a health check. */
  public ContainerState withHealth(Health newHealth) {
    return new ContainerState(status, pid, monitorPid, exitCode, error, oomKilled, startedAt, finishedAt,
        manuallyStopped, newHealth);
  }
}
