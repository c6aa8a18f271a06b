package io.berth.engine.container;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What follows a container's exit, as its monitor reports it: the runtime's state deleted, the network
 * endpoint released, the root unmounted, the exit recorded (events oom and die), waiters told; then
 * {@code --rm} removes it or its restart policy starts it again.
 */
record ExitHandler(LifecycleContext ctx, Restarts restarts, ContainerStarter starter, ContainerRemover remover,
    ProcessControl control) {
  private static final System.Logger LOG = System.getLogger(ExitHandler.class.getName());

  /** Records an exit (idempotent: a second report of the same exit finds the container stopped). */
  void exited(String id, int code, boolean oom) throws IOException {
    ReentrantLock lock = ctx.locks().of(id);
    Container after;
    boolean autoRemove;
    lock.lock();
    try {
      Container c = ctx.store().get(id).orElse(null);
      if (c == null || !c.state().running()) {
        return;
      }
      ctx.health().stopped(id);
      try {
        ctx.runtime(c).delete(id);
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.DEBUG, "runtime delete " + id + ": " + e.getMessage());
      }
      if (!c.network().networks().isEmpty()) {
        ctx.networks().disconnectExited(c);
      }
      ctx.driver().unmount(c.rwLayer());
      ctx.volumeMounts().unmount(c);
      after = ctx.store().update(id, x -> x.withNetwork(NetworkState.none())
          .withState(x.state().exited(code, oom, Instant.now())));
      if (oom) {
        ctx.service().event(after, "oom", Map.of());
      }
      ctx.service().event(after, "die", Map.of("exitCode", Integer.toString(code)));
      // decided under the lock, before the waiters hear of the exit: a restart waits for it, then starts again
      autoRemove = after.hostConfig().autoRemove() && !control.restartingByUser(id);
    } finally {
      lock.unlock();
    }
    ctx.waiters().exited(id, code);
    if (ctx.closing().get()) {
      return;
    }
    if (autoRemove) {
      remover.removeStopped(id, true); // --rm takes the anonymous volumes too
      return;
    }
    if (Restarts.shouldRestart(after)) {
      restarts.schedule(after, starter);
    }
  }
}
