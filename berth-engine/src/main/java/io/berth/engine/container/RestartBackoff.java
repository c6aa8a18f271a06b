package io.berth.engine.container;

import java.time.Duration;
import java.time.Instant;

/** Docker's restart manager delay: 100 ms, doubled per restart, reset after a 10 s run. */
final class RestartBackoff {
  private static final Duration FIRST = Duration.ofMillis(100);
  private static final Duration MAX = Duration.ofMinutes(1);
  private static final Duration RESET_AFTER = Duration.ofSeconds(10);
  private Duration delay = Duration.ZERO;
  private Instant startedAt = Instant.EPOCH;

  synchronized void started() {
    startedAt = Instant.now();
  }

  synchronized Duration next() {
    if (Duration.between(startedAt, Instant.now()).compareTo(RESET_AFTER) >= 0) {
      delay = Duration.ZERO;
    }
    delay = delay.isZero() ? FIRST : delay.multipliedBy(2);
    if (delay.compareTo(MAX) > 0) {
      delay = MAX;
    }
    return delay;
  }
}
