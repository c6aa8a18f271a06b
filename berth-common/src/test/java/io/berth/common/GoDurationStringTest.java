package io.berth.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Go's time.Duration.String(), as Docker prints durations in messages. */
class GoDurationStringTest {
  @Test
  void likeGo() {
    assertEquals("0s", GoTime.durationString(Duration.ZERO));
    assertEquals("300ms", GoTime.durationString(Duration.ofMillis(300)));
    assertEquals("1.5ms", GoTime.durationString(Duration.ofNanos(1_500_000)));
    assertEquals("2\u00b5s", GoTime.durationString(Duration.ofNanos(2_000)));
    assertEquals("30s", GoTime.durationString(Duration.ofSeconds(30)));
    assertEquals("1.5s", GoTime.durationString(Duration.ofMillis(1500)));
    assertEquals("1m30s", GoTime.durationString(Duration.ofSeconds(90)));
    assertEquals("2h0m0s", GoTime.durationString(Duration.ofHours(2)));
    assertEquals("-5s", GoTime.durationString(Duration.ofSeconds(-5)));
  }
}
