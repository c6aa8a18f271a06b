package io.berth.client;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Docker's filter arguments ({@code -f key=value}, repeatable), encoded for the API as
 * {@code {"key":{"value":true}}} with keys sorted, like Go's filters.ToJSON.
 */
public final class Filters {
  public static final String BAD_FORMAT = "bad format of filter (expected name=value)";

  private final Map<String, TreeSet<String>> fields = new TreeMap<>();

  public Filters add(String key, String value) {
    fields.computeIfAbsent(key, k -> new TreeSet<>()).add(value);
    return this;
  }

  /** Parses one {@code -f} argument as Docker does: key lowercased, both sides trimmed. */
  public Filters addFlag(String arg) {
    if (arg.isEmpty()) {
      return this;
    }
    int eq = arg.indexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException(BAD_FORMAT);
    }
    return add(arg.substring(0, eq).strip().toLowerCase(), arg.substring(eq + 1).strip());
  }

  public boolean isEmpty() {
    return fields.isEmpty();
  }

  public boolean contains(String key) {
    return fields.containsKey(key);
  }

  public Filters copy() {
    Filters copy = new Filters();
    fields.forEach((k, v) -> copy.fields.put(k, new TreeSet<>(v)));
    return copy;
  }

  /** The {@code filters} query parameter value. */
  public String toJson() {
    Map<String, Object> json = new TreeMap<>();
    fields.forEach((key, values) -> {
      Map<String, Object> set = new TreeMap<>();
      values.forEach(v -> set.put(v, Boolean.TRUE));
      json.put(key, set);
    });
    return JsonWriter.write(json);
  }
}
