package io.berth.engine.layer;

import io.berth.engine.storage.GraphDriver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Driver directories removed off the caller's path, once the layer store has been quiet for a while: the copy
 * of a layer that existed already (a build step that made the same files again). On ext4 without a journal,
 * creating files is slow for a minute after many were removed, so removing a 2,000-file copy between two build
 * steps slowed every step after it. A directory still pending at a crash is one no layer owns, which the
 * start-up sweep removes.
 */
final class DeferredRemovals {
  private static final System.Logger LOG = System.getLogger(DeferredRemovals.class.getName());
  private final GraphDriver driver;
  private final long quietNanos;
  private final List<String> pending = new ArrayList<>();
  private long lastActivity = System.nanoTime();
  private boolean working;

  DeferredRemovals(GraphDriver driver, long quietMillis) {
    this.driver = driver;
    this.quietNanos = quietMillis * 1_000_000;
  }

  /** Something happened in the store: pending removals wait for another quiet period. */
  synchronized void activity() {
    lastActivity = System.nanoTime();
  }

  /** Removes the directory {@code id} once the store is quiet. */
  synchronized void remove(String id) {
    pending.add(id);
    lastActivity = System.nanoTime();
    if (!working) {
      working = true;
      Thread.ofVirtual().name("layer-removals").start(this::work);
    }
  }

  /** Removes what is pending now, without waiting (tests, and a caller that wants the space back). */
  void flush() {
    List<String> now;
    synchronized (this) {
      now = List.copyOf(pending);
      pending.clear();
    }
    now.forEach(this::removeNow);
  }

  private void work() {
    while (true) {
      List<String> due;
      synchronized (this) {
        long quietFor = System.nanoTime() - lastActivity;
        if (pending.isEmpty()) {
          working = false;
          return;
        }
        if (quietFor < quietNanos) {
          try {
            wait(Math.max(1, (quietNanos - quietFor) / 1_000_000));
          } catch (InterruptedException e) {
            working = false;
            return; // what is pending is swept at the next start
          }
          continue;
        }
        due = List.copyOf(pending);
        pending.clear();
      }
      due.forEach(this::removeNow);
    }
  }

  private void removeNow(String id) {
    try {
      driver.remove(id);
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "removing layer directory " + id + " (the next start sweeps it): "
          + e.getMessage());
    }
  }
}
