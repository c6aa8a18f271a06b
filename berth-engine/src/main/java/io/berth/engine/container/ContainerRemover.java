package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.common.Filters;
import io.berth.common.TimeFilter;
import io.berth.runtime.OciRuntimeException;
import io.berth.runtime.Signals;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/** {@code docker rm} (with force: killed first) and {@code container prune}. */
record ContainerRemover(LifecycleContext ctx, ProcessControl control, Restarts restarts, ContainerStarter starter) {

  void remove(String idOrName, boolean force, boolean removeVolumes) throws IOException {
    Container c = ctx.store().find(idOrName);
    ctx.service().checkRemovable(c, force);
    if (c.state().running()) {
      c = control.stopByUser(c.id());
      CompletableFuture<Integer> exit = ctx.waiters().nextExit(c.id());
      Container now = ctx.store().get(c.id()).orElse(c);
      if (now.state().running()) { // else it exited meanwhile, or its pending restart was called off
        try {
          ctx.runtime(now).kill(now.id(), Signals.SIGKILL, false);
        } catch (OciRuntimeException e) {
          if (!e.containerMissing() && !e.runtimeMessage().contains("not running")) {
            throw e;
          }
          // it exited meanwhile: berthd records the exit below
        }
        if (now.state().paused()) {
          control.resumeQuietly(now); // a frozen process does not die until thawed
        }
        ProcessControl.awaitExit(exit, Duration.ofSeconds(30));
      } else {
        exit.cancel(false);
      }
    }
    removeStopped(c.id(), removeVolumes);
  }

  /**
   * Removes a container that does not run: its layers, its runtime leftovers, its record, and with
   * {@code removeVolumes} its anonymous volumes.
   */
  void removeStopped(String id, boolean removeVolumes) throws IOException {
    ReentrantLock lock = ctx.locks().of(id);
    lock.lock();
    try {
      Container c = ctx.store().get(id).orElse(null);
      if (c == null) {
        return;
      }
      ctx.health().stopped(id);
      ctx.service().remove(c, removeVolumes);
      try {
        ctx.runtime(c).delete(id);
      } catch (IOException | RuntimeException e) {
        // it held nothing more
      }
      restarts.forget(id);
      starter.forget(id);
      ctx.runExtras().forget(id);
      ctx.waiters().removed(id, c.state().exitCode());
    } finally {
      lock.unlock();
      ctx.locks().forget(id);
    }
  }

  /** What {@code container prune} removed. */
  record PruneReport(List<String> deleted, long spaceReclaimed) {}

  PruneReport prune(Filters filters) throws IOException {
    filters.validate(Set.of("until", "label", "label!"));
    Instant until = filters.has("until") ? TimeFilter.parse(filters.get("until").getLast(), Instant.now()) : null;
    List<String> deleted = new ArrayList<>();
    long reclaimed = 0;
    for (Container c : ctx.store().all()) {
      if (c.state().running() || (until != null && !c.created().isBefore(until))
          || (filters.has("label") && !Filters.labelsMatch(filters.get("label"), c.labels()))
          || (filters.has("label!") && Filters.labelsMatch(filters.get("label!"), c.labels()))) {
        continue;
      }
      long size = ctx.service().sizes(c)[0];
      try {
        removeStopped(c.id(), false); // as dockerd: prune leaves volumes to volume prune
        deleted.add(c.id());
        reclaimed += size;
      } catch (BerthException e) {
        // started meanwhile: skip it, as Docker does
      }
    }
    ctx.service().publish("container", "prune", "", Map.of("reclaimed", Long.toString(reclaimed)));
    return new PruneReport(deleted, reclaimed);
  }
}
