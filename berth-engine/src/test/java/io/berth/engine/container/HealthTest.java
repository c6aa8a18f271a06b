package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** dockerd's handleProbeResult, decision by decision. */
class HealthTest {
  private static Health.Result result(int code) {
    return new Health.Result(Instant.EPOCH, Instant.EPOCH, code, "out");
  }

  @Test
  void failuresCountUpToRetriesThenUnhealthyAndASuccessResets() {
    Health h = Health.starting();
    h = h.after(result(1), 3, false);
    assertEquals(Health.STARTING, h.status());
    assertEquals(1, h.failingStreak());
    h = h.after(result(1), 3, false).after(result(2), 3, false);
    assertEquals(Health.UNHEALTHY, h.status());
    assertEquals(3, h.failingStreak());
    h = h.after(result(0), 3, false);
    assertEquals(Health.HEALTHY, h.status());
    assertEquals(0, h.failingStreak());
  }

  @Test
  void failuresWithinTheStartPeriodDoNotCountWhileStarting() {
    Health h = Health.starting().after(result(1), 1, true);
    assertEquals(Health.STARTING, h.status());
    assertEquals(0, h.failingStreak());
    Health healthy = Health.starting().after(result(0), 1, true);
    assertEquals(Health.UNHEALTHY, healthy.after(result(1), 1, true).status(), "only a starting check is spared");
  }

  @Test
  void theLogKeepsTheLastFive() {
    Health h = Health.starting();
    for (int i = 0; i < 8; i++) {
      h = h.after(result(i == 7 ? 0 : 1), 100, false);
    }
    assertEquals(5, h.log().size());
    assertEquals(0, h.log().getLast().exitCode());
    assertEquals(Health.STARTING, h.restarted().status());
    assertEquals(5, h.restarted().log().size());
  }
}
