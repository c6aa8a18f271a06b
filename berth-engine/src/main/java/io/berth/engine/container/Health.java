package io.berth.engine.container;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's health (State.Health): starting until a probe succeeds, healthy, or unhealthy after
 * {@code retries} failures in a row; the last five probe results.
 */
public record Health(String status, int failingStreak, List<Result> log) {
  public static final String STARTING = "starting";
  public static final String HEALTHY = "healthy";
  public static final String UNHEALTHY = "unhealthy";
  private static final int MAX_LOG = 5;

  public Health {
    log = List.copyOf(log);
  }

  /** One probe: when it ran, its exit code (-1: it could not run or timed out) and its output. */
  public record Result(Instant start, Instant end, int exitCode, String output) {}

  public static Health starting() {
    return new Health(STARTING, 0, List.of());
  }

  /** Starting again (the container was started or restarted), keeping the log as dockerd does. */
  public Health restarted() {
    return new Health(STARTING, 0, log);
  }

  /**
   * dockerd's handleProbeResult: a success is healthy and resets the streak; a failure counts unless the
   * container is still starting within its start period, and {@code retries} of them make it unhealthy.
   */
  public Health after(Result result, int retries, boolean withinStartPeriod) {
    List<Result> kept = new ArrayList<>(log);
    kept.add(result);
    while (kept.size() > MAX_LOG) {
      kept.removeFirst();
    }
    if (result.exitCode() == 0) {
      return new Health(HEALTHY, 0, kept);
    }
    if (status.equals(STARTING) && withinStartPeriod) {
      return new Health(status, failingStreak, kept);
    }
    int streak = failingStreak + 1;
    return new Health(streak >= retries ? UNHEALTHY : status, streak, kept);
  }
}
