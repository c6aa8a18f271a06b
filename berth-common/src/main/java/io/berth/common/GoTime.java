package io.berth.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamps as Go writes and reads them, so JSON and CLI output match Docker's byte for byte. */
public final class GoTime {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private GoTime() {}

  /** Go's RFC3339Nano: fraction with trailing zeros removed, {@code Z} for UTC. */
  public static String rfc3339Nano(Instant t) {
    StringBuilder sb = new StringBuilder(SECONDS.format(t.atOffset(ZoneOffset.UTC)));
    int nanos = t.getNano();
    if (nanos != 0) {
      String frac = String.format("%09d", nanos);
      int end = frac.length();
      while (frac.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(frac, 0, end);
    }
    return sb.append('Z').toString();
  }

  /** Go's RFC3339Nano with all nine fraction digits, as {@code docker events} prints times. */
  public static String rfc3339NanoFixed(Instant t) {
    return SECONDS.format(t.atOffset(ZoneOffset.UTC)) + String.format(".%09dZ", t.getNano());
  }

  /** Go's default {@code time.Time} String() for UTC times: {@code 2006-01-02 15:04:05 +0000 UTC}. */
  public static String goString(Instant t) {
    return HUMAN.format(t.atOffset(ZoneOffset.UTC)) + " +0000 UTC";
  }

  /** Parses RFC 3339 with or without fraction and with any offset. */
  public static Instant parse(String text) {
    return OffsetDateTime.parse(text).toInstant();
  }
}
