package io.berth.daemon.http;

import io.berth.common.BerthException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A decoded query string. Names may repeat ({@code ?t=a&t=b}); the typed getters follow the
 * rules of moby's httputils so flags like {@code ?force=1} and {@code ?force=true} agree.
 */
public final class Query {
  private static final Query EMPTY = new Query(Map.of());

  private final Map<String, List<String>> values;

  private Query(Map<String, List<String>> values) {
    this.values = values;
  }

  /** Parses the raw query (the text after '?', without it). A bad escape is a 400. */
  public static Query parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      return EMPTY;
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = UrlDecoding.queryComponent(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : UrlDecoding.queryComponent(pair.substring(eq + 1));
      values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return new Query(values);
  }

  /** The first value, or {@code null} when the parameter is absent. */
  public String get(String name) {
    List<String> list = values.get(name);
    return list == null ? null : list.getFirst();
  }

  /** The first value, or {@code fallback} when absent (an empty value counts as present). */
  public String get(String name, String fallback) {
    String value = get(name);
    return value == null ? fallback : value;
  }

  public List<String> all(String name) {
    List<String> list = values.get(name);
    return list == null ? List.of() : Collections.unmodifiableList(list);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public Set<String> names() {
    return Collections.unmodifiableSet(values.keySet());
  }

  /** moby's BoolValue: false when absent, empty, "0", "no", "false" or "none" (any case). */
  public boolean bool(String name) {
    String value = get(name);
    if (value == null) {
      return false;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    return !(v.isEmpty() || v.equals("0") || v.equals("no") || v.equals("false") || v.equals("none"));
  }

  /** moby's BoolValueOrDefault: the fallback when the parameter is absent or empty. */
  public boolean bool(String name, boolean fallback) {
    String value = get(name);
    return value == null || value.isEmpty() ? fallback : bool(name);
  }

  /** An integer parameter; absent or empty gives the fallback, garbage is a 400 in Go's words. */
  public long longValue(String name, long fallback) {
    String value = get(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new BerthException.InvalidParameter(
          "strconv.ParseInt: parsing \"" + value + "\": invalid syntax");
    }
  }

  public int intValue(String name, int fallback) {
    long value = longValue(name, fallback);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new BerthException.InvalidParameter(
          "strconv.Atoi: parsing \"" + get(name) + "\": value out of range");
    }
    return (int) value;
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
