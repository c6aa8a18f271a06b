package io.berth.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** strconv.FormatFloat: shortest and fixed-precision decimal forms with Go's layout rules. */
final class GoFloat {
  private GoFloat() {}

  /** Decimal digits (no trailing zeros; empty for zero) with the decimal point after {@code dp} of them. */
  private record Digits(String d, int dp) {
    int nd() {
      return d.length();
    }
  }

  private static Digits trimmed(String digits, int dp) {
    int end = digits.length();
    while (end > 0 && digits.charAt(end - 1) == '0') end--;
    int start = 0;
    while (start < end && digits.charAt(start) == '0') {
      start++;
      dp--;
    }
    if (start == end) return new Digits("", 0);
    return new Digits(digits.substring(start, end), dp);
  }

  private static Digits of(BigDecimal bd) {
    String unscaled = bd.unscaledValue().abs().toString();
    return trimmed(unscaled, unscaled.length() - bd.scale());
  }

  /** Shortest digits that read back as the same value (Java 19+ toString is shortest, as Go's is). */
  private static Digits shortest(double abs, int bitSize) {
    if (abs == 0) return new Digits("", 0);
    String s = bitSize == 32 ? Float.toString((float) abs) : Double.toString(abs);
    return of(new BigDecimal(s));
  }

  static String format(double v, char fmt, int prec, int bitSize) {
    if (Double.isNaN(v)) return "NaN";
    if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
    boolean neg = (Double.doubleToRawLongBits(v) < 0);
    double abs = Math.abs(v);
    if (fmt == 'b') return formatBinary(v, bitSize);
    if (fmt == 'x' || fmt == 'X') return formatHex(v, fmt, bitSize);
    boolean shortest = prec < 0;
    Digits digs;
    if (shortest) {
      digs = shortest(abs, bitSize);
      switch (fmt) {
        case 'e', 'E' -> prec = Math.max(digs.nd() - 1, 0);
        case 'f' -> prec = Math.max(digs.nd() - digs.dp(), 0);
        case 'g', 'G' -> prec = digs.nd();
        default -> { }
      }
    } else {
      BigDecimal exact = new BigDecimal(bitSize == 32 ? (double) (float) abs : abs);
      switch (fmt) {
        case 'e', 'E' -> digs = abs == 0 ? new Digits("", 0) : of(exact.round(new MathContext(prec + 1, RoundingMode.HALF_EVEN)));
        case 'f' -> digs = of(exact.setScale(prec, RoundingMode.HALF_EVEN));
        default -> {
          if (prec == 0) prec = 1;
          digs = abs == 0 ? new Digits("", 0) : of(exact.round(new MathContext(prec, RoundingMode.HALF_EVEN)));
        }
      }
    }
    StringBuilder sb = new StringBuilder(24);
    switch (fmt) {
      case 'e', 'E' -> fmtE(sb, neg, digs, prec, fmt);
      case 'f' -> fmtF(sb, neg, digs, prec);
      case 'g', 'G' -> {
        int eprec = prec;
        if (eprec > digs.nd() && digs.nd() >= digs.dp()) eprec = digs.nd();
        // %e is used if the exponent is less than -4 or at least the precision (6 when shortest).
        if (shortest) eprec = 6;
        int exp = digs.dp() - 1;
        if (exp < -4 || exp >= eprec) {
          if (prec > digs.nd()) prec = digs.nd();
          fmtE(sb, neg, digs, prec - 1, fmt == 'g' ? 'e' : 'E');
        } else {
          if (prec > digs.dp()) prec = digs.nd();
          fmtF(sb, neg, digs, Math.max(prec - digs.dp(), 0));
        }
      }
      default -> sb.append('%').append(fmt);
    }
    return sb.toString();
  }

  private static void fmtE(StringBuilder sb, boolean neg, Digits d, int prec, char fmt) {
    if (neg) sb.append('-');
    sb.append(d.nd() == 0 ? '0' : d.d().charAt(0));
    if (prec > 0) {
      sb.append('.');
      int i = 1;
      int m = Math.min(d.nd(), prec + 1);
      if (i < m) {
        sb.append(d.d(), i, m);
        i = m;
      }
      for (; i <= prec; i++) sb.append('0');
    }
    sb.append(fmt);
    int exp = d.nd() == 0 ? 0 : d.dp() - 1;
    sb.append(exp < 0 ? '-' : '+');
    exp = Math.abs(exp);
    if (exp < 10) sb.append('0');
    sb.append(exp);
  }

  private static void fmtF(StringBuilder sb, boolean neg, Digits d, int prec) {
    if (neg) sb.append('-');
    if (d.dp() > 0) {
      int m = Math.min(d.nd(), d.dp());
      sb.append(d.d(), 0, m);
      for (; m < d.dp(); m++) sb.append('0');
    } else {
      sb.append('0');
    }
    if (prec > 0) {
      sb.append('.');
      for (int i = 1; i <= prec; i++) {
        int j = d.dp() + i - 1;
        sb.append(j >= 0 && j < d.nd() ? d.d().charAt(j) : '0');
      }
    }
  }

  /** %b: decimalless scientific notation with a power-of-two exponent, like -123456p-78. */
  private static String formatBinary(double v, int bitSize) {
    long mant;
    int exp;
    if (bitSize == 32) {
      int bits = Float.floatToRawIntBits((float) v);
      int e = (bits >>> 23) & 0xff;
      mant = bits & 0x7fffff;
      if (e == 0) e++;
      else mant |= 1L << 23;
      exp = e - 127 - 23;
    } else {
      long bits = Double.doubleToRawLongBits(v);
      int e = (int) ((bits >>> 52) & 0x7ff);
      mant = bits & ((1L << 52) - 1);
      if (e == 0) e++;
      else mant |= 1L << 52;
      exp = e - 1023 - 52;
    }
    return (v < 0 || Double.doubleToRawLongBits(v) < 0 ? "-" : "") + mant + "p" + (exp >= 0 ? "+" : "") + exp;
  }

  /** %x: hexadecimal mantissa and binary exponent, like -0x1.23abcp+20 (shortest mantissa). */
  private static String formatHex(double v, char fmt, int bitSize) {
    double abs = Math.abs(v);
    boolean neg = Double.doubleToRawLongBits(v) < 0;
    StringBuilder sb = new StringBuilder();
    if (neg) sb.append('-');
    if (abs == 0) {
      sb.append("0x0p+00");
    } else {
      int exp = Math.getExponent(abs);
      double m = abs;
      if (exp < Double.MIN_EXPONENT) exp = Math.getExponent(abs * 0x1p60) - 60;
      m = abs / Math.scalb(1.0, exp);
      // m in [1, 2): write 1.xxxx with the fraction's significant hex digits
      long frac = Double.doubleToRawLongBits(m) & ((1L << 52) - 1);
      String hex = String.format("%013x", frac);
      int end = hex.length();
      while (end > 0 && hex.charAt(end - 1) == '0') end--;
      sb.append("0x1");
      if (end > 0) sb.append('.').append(hex, 0, end);
      sb.append('p').append(exp >= 0 ? '+' : '-');
      int e = Math.abs(exp);
      if (e < 10) sb.append('0');
      sb.append(e);
    }
    String s = sb.toString();
    return fmt == 'X' ? s.toUpperCase() : s;
  }
}
