package io.berth.client;

import io.berth.common.GoJsonString;
import java.util.Collection;
import java.util.Map;

/**
 * Writes maps, lists and scalars as JSON the way Go's encoding/json does: compact, with
 * {@code <}, {@code >} and {@code &} escaped as {@code \u003c} etc. Key order is the map's
 * order; pass a sorted map where Go would sort (it always sorts map keys).
 */
public final class JsonWriter {
  private JsonWriter() {}

  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb);
    return sb.toString();
  }

  public static void write(Object value, StringBuilder sb) {
    switch (value) {
      case null -> sb.append("null");
      case String s -> quote(s, sb);
      case Boolean b -> sb.append(b);
      case Double d -> sb.append(formatDouble(d));
      case Float f -> sb.append(formatDouble(f));
      case Number n -> sb.append(n);
      case Map<?, ?> map -> {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          quote(String.valueOf(e.getKey()), sb);
          sb.append(':');
          write(e.getValue(), sb);
        }
        sb.append('}');
      }
      case Collection<?> list -> {
        sb.append('[');
        boolean first = true;
        for (Object item : list) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          write(item, sb);
        }
        sb.append(']');
      }
      default -> quote(value.toString(), sb);
    }
  }

  private static String formatDouble(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  /** Go's encoding/json string with HTML escaping, as {@code json.Marshal} writes it. */
  public static void quote(String s, StringBuilder sb) {
    GoJsonString.quote(s, true, sb);
  }
}
