package io.berth.builder;

import io.berth.common.OneTimeEvent;

/**
 * A build's cancellation (the client went away, or another stage failed): checked between steps, and
 * telling what runs meanwhile (a RUN's container, the git or download fetching a remote context) to stop at
 * once. The daemon makes one per build request, cancelled when its client goes away.
 */
public final class Cancellation {
  private final OneTimeEvent cancelled = new OneTimeEvent();

  public void cancel() {
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
  OneTimeEvent.Registration onCancel(Runnable callback) {
    return cancelled.whenHappened(callback);
  }
}
