package io.berth.common;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Docker's go-units: human sizes and durations, formatted exactly as Go prints them. */
public final class Units {
  private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
  private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
  private static final Pattern SIZE = Pattern.compile("^(\\d+(\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");

  private Units() {}

  /** go-units HumanSizeWithPrecision: decimal units, {@code %.Ng}; the CLI's tables use 3. */
  public static String humanSize(double size, int precision) {
    int i = 0;
    while (size >= 1000.0 && i < DECIMAL.length - 1) {
      size /= 1000.0;
      i++;
    }
    return formatG(size, precision) + DECIMAL[i];
  }

  /** go-units HumanSize (precision 4). */
  public static String humanSize(double size) {
    return humanSize(size, 4);
  }

  /** go-units BytesSize: binary units, {@code %.4g}. */
  public static String bytesSize(double size) {
    int i = 0;
    while (size >= 1024.0 && i < BINARY.length - 1) {
      size /= 1024.0;
      i++;
    }
    return formatG(size, 4) + BINARY[i];
  }

  /** go-units RAMInBytes: "64m", "1.5g", "512k" with binary multipliers. */
  public static long ramInBytes(String text) {
    return parseSize(text, 1024L);
  }

  /** go-units FromHumanSize: "1.5GB", "10k" with decimal multipliers. */
  public static long fromHumanSize(String text) {
    return parseSize(text, 1000L);
  }

  private static long parseSize(String text, long base) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      throw new BerthException.InvalidParameter("invalid size: '" + text + "'");
    }
    double size = Double.parseDouble(m.group(1));
    if (m.group(3) != null) {
      int power = "kmgtp".indexOf(Character.toLowerCase(m.group(3).charAt(0))) + 1;
      size *= Math.pow(base, power);
    }
    return (long) size;
  }

  /** go-units HumanDuration, e.g. "About a minute", "3 days". */
  public static String humanDuration(Duration d) {
    long seconds = d.toSeconds();
    if (seconds < 1) {
      return "Less than a second";
    } else if (seconds == 1) {
      return "1 second";
    } else if (seconds < 60) {
      return seconds + " seconds";
    }
    long minutes = d.toMinutes();
    if (minutes == 1) {
      return "About a minute";
    } else if (minutes < 60) {
      return minutes + " minutes";
    }
    long hours = (long) (d.toMillis() / 3_600_000.0 + 0.5);
    if (hours == 1) {
      return "About an hour";
    } else if (hours < 48) {
      return hours + " hours";
    } else if (hours < 24 * 7 * 2) {
      return (hours / 24) + " days";
    } else if (hours < 24 * 30 * 2) {
      return (hours / 24 / 7) + " weeks";
    } else if (hours < 24 * 365 * 2) {
      return (hours / 24 / 30) + " months";
    }
    return (d.toHours() / 24 / 365) + " years";
  }

  /** Go's {@code %.Ng}: N significant digits, trailing zeros dropped, exponent form when large. */
  public static String formatG(double value, int precision) {
    if (value == 0) {
      return "0";
    }
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.isNaN(value) ? "NaN" : (value > 0 ? "+Inf" : "-Inf");
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(precision, RoundingMode.HALF_EVEN))
        .stripTrailingZeros();
    String digits = rounded.unscaledValue().abs().toString();
    int nd = digits.length();
    int dp = rounded.precision() - rounded.scale(); // decimal point position
    int eprec = precision;
    if (eprec > nd && nd >= dp) {
      eprec = nd;
    }
    int exp = dp - 1;
    String sign = rounded.signum() < 0 ? "-" : "";
    if (exp < -4 || exp >= eprec) {
      StringBuilder sb = new StringBuilder(sign).append(digits.charAt(0));
      if (nd > 1) {
        sb.append('.').append(digits, 1, nd);
      }
      sb.append('e').append(exp < 0 ? '-' : '+');
      int abs = Math.abs(exp);
      if (abs < 10) {
        sb.append('0');
      }
      return sb.append(abs).toString();
    }
    int frac = precision > dp ? Math.max(nd - dp, 0) : 0;
    return rounded.setScale(frac, RoundingMode.HALF_EVEN).toPlainString();
  }

}
