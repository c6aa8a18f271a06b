package io.berth.common;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's timestamps in filters and {@code since}/{@code until}: Unix seconds (with an
 * optional fraction), RFC 3339 dates and times, or Go durations ({@code 10m}, {@code 1h30m})
 * counted back from now.
 */
public final class TimeFilter {
  private static final Pattern UNIX = Pattern.compile("^(\\d+)(?:\\.(\\d{1,9}))?$");
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private TimeFilter() {}

  public static Instant parse(String value, Instant now) {
    Matcher unix = UNIX.matcher(value);
    if (unix.matches()) {
      long nanos = unix.group(2) == null ? 0 : Long.parseLong((unix.group(2) + "000000000").substring(0, 9));
      return Instant.ofEpochSecond(Long.parseLong(unix.group(1)), nanos);
    }
    Duration d = goDuration(value);
    if (d != null) {
      return now.minus(d);
    }
    try {
      return GoTime.parse(value);
    } catch (RuntimeException ignored) {
      // try the shorter layouts Docker accepts
    }
    try {
      return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
    } catch (RuntimeException ignored) {
      // next
    }
    try {
      return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (RuntimeException e) {
      throw new BerthException.InvalidParameter("failed to parse value as time or duration: \"" + value + "\"");
    }
  }

  /** Go's time.ParseDuration for non-negative values; null when {@code text} is not one. */
  public static Duration goDuration(String text) {
    if (text.isEmpty()) {
      return null;
    }
    Matcher m = DURATION.matcher(text);
    int pos = 0;
    double nanos = 0;
    while (m.find() && m.start() == pos) {
      double n = Double.parseDouble(m.group(1));
      nanos += n * switch (m.group(2)) {
        case "ns" -> 1;
        case "us", "µs" -> 1e3;
        case "ms" -> 1e6;
        case "s" -> 1e9;
        case "m" -> 60e9;
        default -> 3600e9;
      };
      pos = m.end();
    }
    return pos == text.length() && pos > 0 ? Duration.ofNanos((long) nanos) : null;
  }
}
