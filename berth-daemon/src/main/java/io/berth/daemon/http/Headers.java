package io.berth.daemon.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * HTTP header fields: case-insensitive names, several values per name, insertion order kept.
 * Names are written out in Go's canonical form ({@code api-version} becomes {@code Api-Version})
 * because that is what Docker clients and their tests see from dockerd.
 */
public final class Headers {
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  private record Entry(String name, List<String> values) {}

  public Headers() {}

  public static Headers of(String... namesAndValues) {
    Headers headers = new Headers();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return headers;
  }

  /** The first value of the field, or {@code null}. */
  public String get(String name) {
    Entry entry = entries.get(key(name));
    return entry == null ? null : entry.values.getFirst();
  }

  public List<String> all(String name) {
    Entry entry = entries.get(key(name));
    return entry == null ? List.of() : Collections.unmodifiableList(entry.values);
  }

  public boolean has(String name) {
    return entries.containsKey(key(name));
  }

  /** Whether the comma-separated field contains the token, ignoring case ({@code Connection: keep-alive, Upgrade}). */
  public boolean hasToken(String name, String token) {
    for (String value : all(name)) {
      for (String part : value.split(",")) {
        if (part.trim().equalsIgnoreCase(token)) {
          return true;
        }
      }
    }
    return false;
  }

  public Headers add(String name, String value) {
    entries.computeIfAbsent(key(name), k -> new Entry(canonical(name), new ArrayList<>())).values.add(value);
    return this;
  }

  /** Replaces every value of the field. */
  public Headers set(String name, String value) {
    List<String> values = new ArrayList<>();
    values.add(value);
    entries.put(key(name), new Entry(canonical(name), values));
    return this;
  }

  public Headers remove(String name) {
    entries.remove(key(name));
    return this;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Visits every (canonical name, value) pair in insertion order. */
  public void forEach(BiConsumer<String, String> visitor) {
    for (Entry entry : entries.values()) {
      for (String value : entry.values) {
        visitor.accept(entry.name, value);
      }
    }
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** Go's textproto.CanonicalMIMEHeaderKey: upper case after start and after each hyphen. */
  static String canonical(String name) {
    char[] chars = name.toCharArray();
    boolean upper = true;
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      if (c == ' ' || c > 127) {
        return name;
      }
      chars[i] = upper ? Character.toUpperCase(c) : Character.toLowerCase(c);
      upper = c == '-';
    }
    return new String(chars);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
    return text.toString();
  }
}
