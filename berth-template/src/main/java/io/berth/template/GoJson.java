package io.berth.template;

import io.berth.common.GoJsonString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Go's encoding/json Encoder with SetEscapeHTML(false), as Docker's {@code json} template function uses it. */
final class GoJson {
  private GoJson() {}

  /** Thrown for values encoding/json refuses (NaN, infinities, functions). */
  static final class UnsupportedValue extends RuntimeException {
    UnsupportedValue(String message) {
      super(message, null, false, false);
    }
  }

  static String encode(Object v) {
    StringBuilder sb = new StringBuilder();
    write(v, sb);
    return sb.toString();
  }

  private static void write(Object v, StringBuilder sb) {
    switch (v) {
      case null -> sb.append("null");
      case String s -> string(s, sb);
      case Boolean b -> sb.append(b.booleanValue());
      case Double d -> number(d, 64, sb);
      case Float f -> number(f, 32, sb);
      case BigDecimal d -> number(d.doubleValue(), 64, sb);
      case BigInteger b -> sb.append(b);
      case Character c -> sb.append((int) c);
      case Number n -> sb.append(n.longValue());
      case Map<?, ?> m -> {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!first) sb.append(',');
          first = false;
          string(String.valueOf(e.getKey()), sb);
          sb.append(':');
          write(e.getValue(), sb);
        }
        sb.append('}');
      }
      case TemplateMethod m -> throw new UnsupportedValue("json: unsupported type: func()");
      default -> {
        if (v == Values.MISSING) {
          sb.append("null");
        } else if (Values.isList(v)) {
          List<?> list = Values.asList(v);
          sb.append('[');
          for (int i = 0; i < list.size(); i++) {
            if (i > 0) sb.append(',');
            write(list.get(i), sb);
          }
          sb.append(']');
        } else {
          string(v.toString(), sb);
        }
      }
    }
  }

  /** Like %g but with ES6 cut-offs: exponent form only below 1e-6 or from 1e21, and e-7 rather than e-07. */
  private static void number(double f, int bits, StringBuilder sb) {
    if (Double.isNaN(f) || Double.isInfinite(f)) {
      throw new UnsupportedValue("json: unsupported value: " + GoFloat.format(f, 'g', -1, bits));
    }
    double abs = Math.abs(f);
    char fmt = 'f';
    if (abs != 0) {
      if (bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && ((float) abs < 1e-6f || (float) abs >= 1e21f)) {
        fmt = 'e';
      }
    }
    String s = GoFloat.format(f, fmt, -1, bits);
    if (fmt == 'e') {
      int n = s.length();
      if (n >= 4 && s.charAt(n - 4) == 'e' && s.charAt(n - 3) == '-' && s.charAt(n - 2) == '0') {
        s = s.substring(0, n - 2) + s.charAt(n - 1);
      }
    }
    sb.append(s);
  }

  static void string(String s, StringBuilder sb) {
    GoJsonString.quote(s, false, sb);
  }
}
