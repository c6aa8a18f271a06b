package io.berth.builder;

import io.berth.common.OneTimeEvent;

/**
 * A build's cancellation (the client went away, or another stage failed): checked between steps, and
 * telling what runs meanwhile (a RUN's container) to stop at once.
 */
final class Cancellation {
  private final OneTimeEvent cancelled = new OneTimeEvent();

  void cancel() {
    cancelled.fire();
  }

  boolean cancelled() {
    return cancelled.happened();
  }

  void check() {
    if (cancelled.happened()) {
      throw new BuildException("Build cancelled");
    }
  }

  /** Runs {@code callback} on cancellation (at once if already cancelled); the returned handle unregisters it. */
  AutoCloseable onCancel(Runnable callback) {
    return cancelled.whenHappened(callback);
  }
}
