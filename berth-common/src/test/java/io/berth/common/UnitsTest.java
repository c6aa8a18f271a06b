package io.berth.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {

  @ParameterizedTest
  @CsvSource({
      "0, 0B", "512, 512B", "999, 999B", "1000, 1kB", "1234, 1.23kB", "1990000, 1.99MB",
      "4261550, 4.26MB", "123456789, 123MB", "999999, 1e+03kB", "1500000000, 1.5GB", "10000000, 10MB"})
  void humanSizeLikeDockerTables(long bytes, String expected) {
    assertEquals(expected, Units.humanSize(bytes, 3));
  }

  @ParameterizedTest
  @CsvSource({"1024, 1KiB", "1536, 1.5KiB", "25183653888, 23.45GiB", "100, 100B"})
  void bytesSize(long bytes, String expected) {
    assertEquals(expected, Units.bytesSize(bytes));
  }

  @ParameterizedTest
  @CsvSource({"0.1, 0.1", "0.00001234, 1.23e-05", "123.456, 123", "1.0, 1", "12.5, 12.5"})
  void formatG(double value, String expected) {
    assertEquals(expected, Units.formatG(value, 3));
  }

  @ParameterizedTest
  @CsvSource({"64m, 67108864", "1g, 1073741824", "512k, 524288", "1.5g, 1610612736", "100, 100", "6MiB, 6291456"})
  void ramInBytes(String text, long expected) {
    assertEquals(expected, Units.ramInBytes(text));
  }

  @ParameterizedTest
  @CsvSource({
      "0, Less than a second", "1, 1 second", "59, 59 seconds", "60, About a minute", "119, About a minute",
      "120, 2 minutes", "3599, 59 minutes", "3600, About an hour", "5400, 2 hours", "172800, 2 days",
      "1209600, 2 weeks", "5184000, 2 months", "63072000, 2 years"})
  void humanDuration(long seconds, String expected) {
    assertEquals(expected, Units.humanDuration(Duration.ofSeconds(seconds)));
  }

  @Test
  void goTime() {
    assertEquals("2026-11-23T18:00:00Z", GoTime.rfc3339Nano(Instant.parse("2026-11-23T18:00:00Z")));
    assertEquals("2026-11-23T18:00:00.1234567Z", GoTime.rfc3339Nano(Instant.parse("2026-11-23T18:00:00.123456700Z")));
    assertEquals("2026-11-23 18:00:00 +0000 UTC", GoTime.goString(Instant.parse("2026-11-23T18:00:00Z")));
  }

  @Test
  void timeFilter() {
    Instant now = Instant.parse("2026-11-23T18:00:00Z");
    assertEquals(Instant.parse("2026-11-23T17:50:00Z"), TimeFilter.parse("10m", now));
    assertEquals(Instant.parse("2026-11-23T16:30:00Z"), TimeFilter.parse("1h30m", now));
    assertEquals(Instant.ofEpochSecond(1700000000, 500_000_000), TimeFilter.parse("1700000000.5", now));
    assertEquals("1767312000.000000000", TimeFilter.timestamp("2026-01-02", now, java.time.ZoneOffset.UTC));
    assertEquals(Instant.parse("2026-01-02T03:04:05Z"), TimeFilter.parse("2026-01-02T03:04:05Z", now));
  }
}
