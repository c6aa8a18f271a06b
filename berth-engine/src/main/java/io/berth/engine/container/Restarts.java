package io.berth.engine.container;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Restart policies (no, always, unless-stopped, on-failure[:N]) as dockerd's restart manager applies them:
 * after an exit the user did not ask for, with Docker's back-off (100 ms doubling, reset after a 10 s run),
 * counting RestartCount; and at daemon start for always and unless-stopped.
 */
final class Restarts {
  private static final System.Logger LOG = System.getLogger(Restarts.class.getName());
  private final LifecycleContext ctx;
  private final Map<String, RestartBackoff> backoffs = new ConcurrentHashMap<>();

  Restarts(LifecycleContext ctx) {
    this.ctx = ctx;
  }

  /** The container runs now: its back-off measures this run. */
  void started(String id) {
    backoffs.computeIfAbsent(id, k -> new RestartBackoff()).started();
  }

  void forget(String id) {
    backoffs.remove(id);
  }

  /** Whether the policy restarts the container after the exit its state records. */
  static boolean shouldRestart(Container c) {
    if (c.state().manuallyStopped()) {
      return false;
    }
    return switch (c.hostConfig().restartPolicy().effectiveName()) {
      case "always", "unless-stopped" -> true;
      case "on-failure" -> {
        long max = c.hostConfig().restartPolicy().maximumRetryCount();
        yield c.state().exitCode() != 0 && (max == 0 || c.restartCount() < max);
      }
      default -> false;
    };
  }

  /**
   * always, and unless-stopped unless the user stopped it: started again when the daemon starts, if it ever ran
   * (dockerd's HasBeenStartedBefore: a container only created stays created).
   */
  static boolean restartsOnDaemonStart(Container c) {
    String policy = c.hostConfig().restartPolicy().effectiveName();
    if (c.state().startedAt().equals(ContainerState.ZERO)) {
      return false;
    }
    return policy.equals("always") || (policy.equals("unless-stopped") && !c.state().manuallyStopped());
  }

  /**
   * Schedules a restart after the back-off. The container is "restarting" from now until it runs: an
   * "exited" seen meanwhile would let rm take it away under the start (leaking its runtime state and cgroup).
   */
  void schedule(Container c, ContainerStarter starter) throws IOException {
    Duration delay;
    Container restarting;
    ReentrantLock scheduling = ctx.locks().of(c.id());
    scheduling.lock();
    try { // the user may have stopped or removed it since its exit was recorded
      Container now = ctx.store().get(c.id()).orElse(null);
      if (now == null || now.state().running() || !shouldRestart(now)) {
        return;
      }
      delay = backoffs.computeIfAbsent(c.id(), k -> new RestartBackoff()).next();
      restarting = ctx.store().update(c.id(), x -> x.withRestartCount(x.restartCount() + 1)
          .withState(x.state().withStatus("restarting")));
    } finally {
      scheduling.unlock();
    }
    Thread.ofVirtual().start(() -> {
      try {
        Thread.sleep(delay);
        ReentrantLock lock = ctx.locks().of(c.id());
        lock.lock();
        try {
          Container now = ctx.store().get(c.id()).orElse(null);
          if (now == null || !now.state().status().equals("restarting") || ctx.closing().get()) {
            return;
          }
          starter.startLocked(now);
          ctx.service().event(restarting, "restart", Map.of());
        } finally {
          lock.unlock();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "restarting " + c.shortId() + ": " + e.getMessage());
      }
    });
  }
}
