package io.berth.common;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's timetypes.GetTimestamp, for {@code --since}/{@code --until} and {@code until}
 * filters: a Go duration ({@code 10m}, {@code 1h30m}) counts back from now, Unix seconds (with
 * an optional fraction) pass through, RFC 3339 dates and times are converted (local time when
 * they carry no offset).
 */
public final class TimeFilter {
  private static final Pattern UNIX = Pattern.compile("-?[0-9]+(\\.[0-9]{1,9})?");
  private static final Pattern DURATION = Pattern.compile("([0-9]*\\.?[0-9]+)(ns|us|µs|ms|s|m|h)");

  private TimeFilter() {}

  /** The API's {@code seconds[.nanos]} form of a user's time value. */
  public static String timestamp(String value, Instant now, ZoneId zone) {
    if (UNIX.matcher(value).matches()) {
      return value;
    }
    Duration d = goDuration(value);
    Instant t = d != null ? now.minus(d) : parseDate(value, zone);
    if (t == null) {
      throw new BerthException.InvalidParameter("failed to parse value as time or duration: \"" + value + "\"");
    }
    return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
  }

  /** A time value as an instant, on the daemon's clock and zone. */
  public static Instant parse(String value, Instant now) {
    String ts = timestamp(value, now, ZoneId.systemDefault());
    int dot = ts.indexOf('.');
    if (dot < 0) {
      return Instant.ofEpochSecond(Long.parseLong(ts));
    }
    long nanos = Long.parseLong((ts.substring(dot + 1) + "000000000").substring(0, 9));
    return Instant.ofEpochSecond(Long.parseLong(ts.substring(0, dot)), nanos);
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
    return pos == text.length() ? Duration.ofNanos((long) nanos) : null;
  }

  private static Instant parseDate(String value, ZoneId zone) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      // try the zone-less layouts below
    }
    try {
      return LocalDateTime.parse(value).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      // try a plain date
    }
    try {
      return LocalDate.parse(value).atStartOfDay(zone).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
