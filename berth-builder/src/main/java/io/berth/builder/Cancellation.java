package io.berth.builder;

import java.util.ArrayList;
import java.util.List;

/**
 * A build's cancellation (the client went away, or another stage failed): checked between steps, and
 * telling what runs meanwhile (a RUN's container) to stop at once.
 */
final class Cancellation {
  private final List<Runnable> callbacks = new ArrayList<>();
  private volatile boolean cancelled;

  void cancel() {
    List<Runnable> toRun;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      toRun = List.copyOf(callbacks);
    }
    toRun.forEach(Runnable::run);
  }

  boolean cancelled() {
    return cancelled;
  }

  void check() {
    if (cancelled) {
      throw new BuildException("Build cancelled");
    }
  }

  /** Runs {@code callback} on cancellation (at once if already cancelled); the returned handle unregisters it. */
  AutoCloseable onCancel(Runnable callback) {
    boolean now;
    synchronized (this) {
      now = cancelled;
      if (!now) {
        callbacks.add(callback);
      }
    }
    if (now) {
      callback.run();
    }
    return () -> {
      synchronized (this) {
        callbacks.remove(callback);
      }
    };
  }
}
