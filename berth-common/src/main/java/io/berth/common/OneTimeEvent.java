package io.berth.common;

import java.util.ArrayList;
import java.util.List;

/**
 * Something that happens at most once (a cancellation, a client going away), with callbacks: one registered
 * before it happens runs when it does, one registered after runs at once.
 */
public final class OneTimeEvent {
  private final List<Runnable> callbacks = new ArrayList<>();
  private volatile boolean happened;

  public boolean happened() {
    return happened;
  }

  /**
   * Makes it happen and runs the callbacks, every one even when some fail (the first failure is thrown after,
   * the others added to it); false, running nothing, when it had already happened.
   */
  public boolean fire() {
    List<Runnable> toRun;
    synchronized (this) {
      if (happened) {
        return false;
      }
      happened = true;
      toRun = List.copyOf(callbacks);
      callbacks.clear();
    }
    RuntimeException failure = null;
    for (Runnable callback : toRun) {
      try {
        callback.run();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return true;
  }

  /** Unregisters a callback; closing it throws nothing. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** Runs {@code callback} when it happens (at once if it has); the returned handle unregisters it. */
  public Registration whenHappened(Runnable callback) {
    synchronized (this) {
      if (!happened) {
        callbacks.add(callback);
        return () -> {
          synchronized (this) {
            callbacks.remove(callback);
          }
        };
      }
    }
    callback.run();
    return () -> {};
  }
}
