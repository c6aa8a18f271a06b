package io.berth.dockerfile.text;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/** Go's time.ParseDuration ("1h30m", "1.5s", "300ms"), with its error messages. */
public final class GoDuration {
  private static final Map<String, Long> UNITS = Map.of(
      "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
      "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

  private GoDuration() {}

  /** Thrown with Go's message, e.g. {@code time: invalid duration "x"}. */
  public static final class InvalidDuration extends IllegalArgumentException {
    InvalidDuration(String message) {
      super(message);
    }
  }

  public static Duration parse(String text) {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    BigDecimal total = BigDecimal.ZERO;
    while (!s.isEmpty()) {
      int i = 0;
      while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
        i++;
      }
      int intEnd = i;
      boolean fraction = false;
      int fracEnd = i;
      if (i < s.length() && s.charAt(i) == '.') {
        fraction = true;
        i++;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          i++;
        }
        fracEnd = i;
      }
      if (intEnd == 0 && (!fraction || fracEnd == intEnd + 1)) {
        throw invalid(text); // no digits at all
      }
      String number = s.substring(0, fracEnd);
      int u = i;
      while (u < s.length() && s.charAt(u) != '.' && !(s.charAt(u) >= '0' && s.charAt(u) <= '9')) {
        u++;
      }
      if (u == i) {
        throw new InvalidDuration("time: missing unit in duration " + GoText.quote(text));
      }
      String unit = s.substring(i, u);
      Long scale = UNITS.get(unit);
      if (scale == null) {
        throw new InvalidDuration("time: unknown unit " + GoText.quote(unit) + " in duration " + GoText.quote(text));
      }
      String digits = number.endsWith(".") ? number + "0" : number;
      total = total.add(new BigDecimal(digits.startsWith(".") ? "0" + digits : digits).multiply(BigDecimal.valueOf(scale)));
      if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
        throw invalid(text);
      }
      s = s.substring(u);
    }
    long nanos = total.longValue();
    return Duration.ofNanos(negative ? -nanos : nanos);
  }

  private static InvalidDuration invalid(String text) {
    return new InvalidDuration("time: invalid duration " + GoText.quote(text));
  }
}
