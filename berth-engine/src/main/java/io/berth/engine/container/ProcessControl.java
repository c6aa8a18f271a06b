package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.engine.container.config.HostConfig;
import io.berth.engine.container.config.UpdateRequest;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.OciRuntimeException;
import io.berth.runtime.Signals;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/** What is done to a running container: stop, kill, restart, pause, unpause, resize, update. */
final class ProcessControl {
  private static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
  /** How long kill waits for a SIGKILLed container's exit to be recorded, as dockerd's Kill. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);
  private final LifecycleContext ctx;
  private final ContainerStarter starter;
  private final Set<String> restartingByUser = ConcurrentHashMap.newKeySet();

  ProcessControl(LifecycleContext ctx, ContainerStarter starter) {
    this.ctx = ctx;
    this.starter = starter;
  }

  /** {@code docker stop}: the stop signal, then SIGKILL after the timeout. */
  void stop(String idOrName, Integer timeoutSeconds, String signal) throws IOException {
    Container c = ctx.store().find(idOrName);
    if (c.state().status().equals("restarting")) {
      c = stopByUser(c.id());
      if (!c.state().running()) {
        ctx.service().event(c, "stop", Map.of());
        return;
      }
    }
    if (!c.state().running()) {
      throw new BerthException.NotModified("container already stopped");
    }
    ctx.store().update(c.id(), x -> x.withState(x.state().stoppedByUser(true)));
    stopRunning(c, timeoutSeconds, signal);
    ctx.service().event(ctx.store().get(c.id()).orElse(c), "stop", Map.of());
  }

  void stopRunning(Container c, Integer timeoutSeconds, String signal) throws IOException {
    int sig = Signals.parse(signal != null && !signal.isEmpty() ? signal
        : !c.config().stopSignal().isEmpty() ? c.config().stopSignal() : "SIGTERM");
    Duration timeout = timeoutSeconds != null ? Duration.ofSeconds(timeoutSeconds)
        : c.config().stopTimeout() != null ? Duration.ofSeconds(c.config().stopTimeout()) : DEFAULT_STOP_TIMEOUT;
    CompletableFuture<Integer> exit = ctx.waiters().nextExit(c.id());
    if (c.state().paused()) {
      ctx.runtime(c).resume(c.id()); // a frozen process cannot handle its signal
    }
    signalQuietly(c, sig); // if it fails, SIGKILL follows after the timeout
    if (!awaitExit(exit, timeout.isNegative() ? null : timeout)) { // -1 waits forever, as Docker
      signalQuietly(c, Signals.SIGKILL);
      if (!awaitExit(exit, Duration.ofSeconds(30))) {
        throw new IOException("container " + c.shortId() + " did not exit after SIGKILL");
      }
    }
  }

  private void signalQuietly(Container c, int sig) {
    try {
      ctx.runtime(c).kill(c.id(), sig, false);
      ctx.service().event(c, "kill", Map.of("signal", Integer.toString(sig)));
    } catch (IOException | RuntimeException e) {
      // gone already, or the runtime refused: the caller's timeout decides what follows
    }
  }

  static boolean awaitExit(CompletableFuture<Integer> exit, Duration timeout) {
    try {
      if (timeout == null) {
        exit.get();
      } else {
        exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return true;
    }
  }

  /**
   * {@code docker kill}: the signal (SIGKILL by default) to the container's init. For SIGKILL it returns once
   * the exit is recorded, as dockerd does, so that inspect right after shows it stopped and rm succeeds.
   */
  void kill(String idOrName, String signal) throws IOException {
    Container c = ctx.store().find(idOrName);
    if (!c.state().running() || c.state().status().equals("restarting")) {
      throw new BerthException.Conflict("Cannot kill container: " + idOrName + ": Container " + c.id()
          + " is not running");
    }
    int sig = Signals.parse(signal == null || signal.isEmpty() ? "SIGKILL" : signal);
    if (sig == Signals.SIGKILL || sig == Signals.SIGTERM || sig == Signals.SIGINT) {
      ctx.store().update(c.id(), x -> x.withState(x.state().stoppedByUser(true)));
    }
    ContainerRuntime runtime = ctx.runtime(c);
    CompletableFuture<Integer> exit = sig == Signals.SIGKILL ? ctx.waiters().nextExit(c.id()) : null;
    try {
      runtime.kill(c.id(), sig, false);
    } catch (OciRuntimeException e) {
      if (exit != null) {
        exit.cancel(false);
      }
      throw e;
    }
    if (c.state().paused() && sig == Signals.SIGKILL) {
      resumeQuietly(c); // a frozen process does not die until thawed
    }
    ctx.service().event(c, "kill", Map.of("signal", Integer.toString(sig)));
    if (exit != null && !awaitExit(exit, KILL_WAIT)) {
      exit.cancel(false);
    }
  }

  /**
   * {@code docker restart}. The exit it causes does not remove a {@code --rm} container (dockerd's
   * HasBeenManuallyRestarted): the container runs again, with its changes.
   */
  void restart(String idOrName, Integer timeoutSeconds, String signal) throws IOException {
    Container c = ctx.store().find(idOrName);
    String id = c.id();
    restartingByUser.add(id);
    try {
      if (c.state().running()) {
        // stopped by the user, as dockerd's kill marks it: the exit is not the restart policy's to act on
        c = stopByUser(id);
        if (c.state().running()) {
          stopRunning(c, timeoutSeconds, signal);
        }
      }
      ctx.store().update(id, x -> x.withState(x.state().stoppedByUser(false)));
      starter.start(id);
    } finally {
      restartingByUser.remove(id);
    }
    ctx.service().event(ctx.store().get(id).orElse(c), "restart", Map.of());
  }

  /** True while {@code docker restart} stops and starts the container again (read under its lock). */
  boolean restartingByUser(String id) {
    return restartingByUser.contains(id);
  }

  void resumeQuietly(Container c) {
    try {
      ctx.runtime(c).resume(c.id());
    } catch (IOException | RuntimeException e) {
      // the runtime thawed it already (runc does for SIGKILL): nothing to undo
    }
  }

  void pause(String idOrName) throws IOException {
    Container c = ctx.store().find(idOrName);
    ReentrantLock lock = ctx.locks().of(c.id());
    lock.lock();
    try {
      c = ctx.store().get(c.id()).orElseThrow();
      if (!c.state().running() || c.state().status().equals("restarting")) {
        throw new BerthException.Conflict("Container " + c.id() + " is not running");
      }
      if (c.state().paused()) {
        throw new BerthException.Conflict("Container " + c.id() + " is already paused");
      }
      ctx.runtime(c).pause(c.id());
      ctx.health().stopped(c.id());
      ctx.service().event(ctx.store().update(c.id(), x -> x.withState(x.state().withStatus("paused"))), "pause",
          Map.of());
    } finally {
      lock.unlock();
    }
  }

  void unpause(String idOrName) throws IOException {
    Container c = ctx.store().find(idOrName);
    ReentrantLock lock = ctx.locks().of(c.id());
    lock.lock();
    try {
      c = ctx.store().get(c.id()).orElseThrow();
      if (!c.state().paused()) {
        throw new BerthException.Conflict("Container " + c.id() + " is not paused");
      }
      ctx.runtime(c).resume(c.id());
      ctx.service().event(ctx.store().update(c.id(), x -> x.withState(x.state().withStatus("running"))),
          "unpause", Map.of());
      ctx.health().resumed(c.id());
    } finally {
      lock.unlock();
    }
  }

  /** A terminal's new size, for containers with a TTY. */
  void resize(String idOrName, int height, int width) throws IOException {
    Container c = ctx.store().find(idOrName);
    if (!c.state().running()) {
      throw new BerthException.Conflict("Container " + c.id() + " is not running");
    }
    if (c.tty()) {
      try {
        ctx.runtime(c).resize(c.id(), height, width);
      } catch (IllegalArgumentException e) {
        throw new BerthException.InvalidParameter(e.getMessage());
      }
    }
    ctx.service().event(c, "resize", Map.of("height", Integer.toString(height), "width", Integer.toString(width)));
  }

  /** {@code docker update}: new resource limits (applied to a running container at once) and restart policy. */
  void update(String idOrName, UpdateRequest request) throws IOException {
    Container c = ctx.store().find(idOrName);
    ReentrantLock lock = ctx.locks().of(c.id());
    lock.lock();
    try {
      c = ctx.store().get(c.id()).orElseThrow();
      HostConfig hc = c.hostConfig().withResources(Updates.merge(c.hostConfig().resources(), request.resources()));
      if (request.restartPolicy() != null && !request.restartPolicy().name().isEmpty()) {
        hc = hc.withRestartPolicy(request.restartPolicy());
      }
      HostConfigValidator.validate(hc, Runtime.getRuntime().availableProcessors());
      if (c.state().running()) {
        ctx.runtime(c).update(c.id(), ctx.specs().limits(SpecMapper.resources(hc.resources())));
      }
      HostConfig updated = hc;
      ctx.service().event(ctx.store().update(c.id(), x -> x.withHostConfig(updated)), "update", Map.of());
    } finally {
      lock.unlock();
    }
  }

  /**
   * The user stops the container: restart policies leave it alone from now on, and a restart it waits for
   * (status restarting) is called off. Under its lock, which a restart holds while it starts and while it
   * is scheduled, so that a restart has either not begun and never will, or has finished and the
   * container runs. Returns the container as it is then.
   */
  Container stopByUser(String id) throws IOException {
    ReentrantLock lock = ctx.locks().of(id);
    lock.lock();
    try {
      return ctx.store().update(id, x -> x.withState((x.state().status().equals("restarting")
          ? x.state().withStatus("exited") : x.state()).stoppedByUser(true)));
    } finally {
      lock.unlock();
    }
  }
}
