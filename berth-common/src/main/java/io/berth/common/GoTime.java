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

  /** Go's time.Duration.String(): "0s", "500ms", "1.5s", "1m30s", "2h0m0s". */
  public static String durationString(java.time.Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long u = Math.abs(nanos);
    if (u < 1_000_000_000L) {
      if (u < 1_000) {
        return sign + u + "ns";
      }
      if (u < 1_000_000) {
        return sign + fraction(u, 1_000) + "\u00b5s";
      }
      return sign + fraction(u, 1_000_000) + "ms";
    }
    long hours = u / 3_600_000_000_000L;
    long minutes = u / 60_000_000_000L % 60;
    String seconds = fraction(u % 60_000_000_000L, 1_000_000_000L) + "s";
    if (hours > 0) {
      return sign + hours + "h" + minutes + "m" + seconds;
    }
    return sign + (minutes > 0 ? minutes + "m" : "") + seconds;
  }

  /** value/unit with the fraction's trailing zeros dropped, as Go's fmtFrac. */
  private static String fraction(long value, long unit) {
    long whole = value / unit;
    long rest = value % unit;
    if (rest == 0) {
      return Long.toString(whole);
    }
    String digits = String.format("%0" + Long.toString(unit).length() + "d", rest).substring(1)
        .replaceAll("0+$", "");
    return whole + "." + digits;
  }
}
