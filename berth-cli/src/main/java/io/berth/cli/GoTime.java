package io.berth.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times printed and parsed the way the Docker CLI (Go's time package) does. */
final class GoTime {
  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
      "Nov", "Dec"};

  // Formatting is done by hand: java.time's text formatters load CLDR locale data, which costs
  // more than the whole rest of a CLI run.
  private GoTime() {}

  /** Go's {@code time.Unix(s, 0).String()} in the local zone: {@code 2026-11-23 18:00:00 +0000 UTC}. */
  static String string(long epochSeconds, ZoneId zone) {
    ZonedDateTime t = Instant.ofEpochSecond(epochSeconds).atZone(zone);
    StringBuilder sb = new StringBuilder(40);
    date(sb, t, '-').append(' ');
    clock(sb, t).append(' ');
    int offset = t.getOffset().getTotalSeconds();
    sb.append(offset < 0 ? '-' : '+');
    pad(sb, Math.abs(offset) / 3600, 2);
    pad(sb, Math.abs(offset) / 60 % 60, 2);
    return sb.append(' ').append(zoneAbbreviation(t)).toString();
  }

  /** Go's zone name: "UTC" for UTC, else the zone's short name (Go prints e.g. "CET"). */
  private static String zoneAbbreviation(ZonedDateTime t) {
    String id = t.getZone().getId();
    if (id.equals("Z") || id.equals("UTC") || id.equals("Etc/UTC") || id.equals("GMT") && t.getOffset().getTotalSeconds() == 0) {
      return "UTC";
    }
    return DateTimeFormatter.ofPattern("z", Locale.ROOT).format(t);
  }

  /** Go's RFC3339 for {@code time.Unix(s,0).UTC()}, e.g. {@code 2026-11-23T18:00:00Z}. */
  static String rfc3339Utc(long epochSeconds) {
    ZonedDateTime t = Instant.ofEpochSecond(epochSeconds).atZone(ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(20);
    date(sb, t, '-').append('T');
    return clock(sb, t).append('Z').toString();
  }

  /** Docker's RFC3339NanoFixed ({@code 2006-01-02T15:04:05.000000000Z07:00}) in {@code zone}. */
  static String rfc3339NanoFixed(long epochNanos, ZoneId zone) {
    ZonedDateTime t = Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
        Math.floorMod(epochNanos, 1_000_000_000L)).atZone(zone);
    StringBuilder sb = new StringBuilder(36);
    date(sb, t, '-').append('T');
    clock(sb, t).append('.');
    pad(sb, t.getNano(), 9);
    int offset = t.getOffset().getTotalSeconds();
    if (offset == 0) {
      return sb.append('Z').toString();
    }
    sb.append(offset < 0 ? '-' : '+');
    pad(sb, Math.abs(offset) / 3600, 2).append(':');
    return pad(sb, Math.abs(offset) / 60 % 60, 2).toString();
  }

  /** Go's time.ANSIC ({@code Mon Jan _2 15:04:05 2006}) for an RFC3339 time; other text unchanged. */
  static String ansic(String rfc3339) {
    int[] f = rfc3339Fields(rfc3339);
    if (f == null) {
      return rfc3339;
    }
    StringBuilder sb = new StringBuilder(24);
    sb.append(DAYS[(int) Math.floorMod(daysFromCivil(f[0], f[1], f[2]) + 3, 7L)]).append(' ')
        .append(MONTHS[f[1] - 1]).append(' ');
    if (f[2] < 10) {
      sb.append(' ');
    }
    sb.append(f[2]).append(' ');
    pad(sb, f[3], 2).append(':');
    pad(sb, f[4], 2).append(':');
    pad(sb, f[5], 2).append(' ');
    return sb.append(f[0]).toString();
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm; no java.time,
   *  whose Year class builds formatters when first touched). */
  static long daysFromCivil(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }

  /**
   * Year, month, day, hour, minute, second of an RFC 3339 time as written (its own offset, as
   * Go's time.Parse keeps it), or null if the text is not one. Parsed by hand: see above.
   */
  static int[] rfc3339Fields(String s) {
    if (s.length() < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != 't')
        || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    try {
      int[] f = {Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, 7, 10), Integer.parseInt(s, 8, 10, 10),
          Integer.parseInt(s, 11, 13, 10), Integer.parseInt(s, 14, 16, 10), Integer.parseInt(s, 17, 19, 10)};
      if (f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 || f[3] > 23 || f[4] > 59 || f[5] > 60) {
        return null;
      }
      int i = 19;
      if (s.charAt(i) == '.') {
        do {
          i++;
        } while (i < s.length() && Character.isDigit(s.charAt(i)));
      }
      String zone = s.substring(i);
      boolean offset = zone.length() == 6 && (zone.charAt(0) == '+' || zone.charAt(0) == '-') && zone.charAt(3) == ':';
      if (!zone.equals("Z") && !zone.equals("z") && !offset) {
        return null;
      }
      return f;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static StringBuilder date(StringBuilder sb, ZonedDateTime t, char sep) {
    pad(sb, t.getYear(), 4).append(sep);
    pad(sb, t.getMonthValue(), 2).append(sep);
    return pad(sb, t.getDayOfMonth(), 2);
  }

  private static StringBuilder clock(StringBuilder sb, ZonedDateTime t) {
    pad(sb, t.getHour(), 2).append(':');
    pad(sb, t.getMinute(), 2).append(':');
    return pad(sb, t.getSecond(), 2);
  }

  private static StringBuilder pad(StringBuilder sb, long value, int width) {
    String digits = Long.toString(value);
    for (int i = digits.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(digits);
  }

  /** "2 minutes ago" as the images and history tables print it. */
  static String since(long epochSeconds, Instant now) {
    return io.berth.common.Units.humanDuration(Duration.between(Instant.ofEpochSecond(epochSeconds), now)) + " ago";
  }
}
