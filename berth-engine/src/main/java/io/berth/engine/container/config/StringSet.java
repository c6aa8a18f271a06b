package io.berth.engine.container.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A Go {@code map[string]struct{}} (ExposedPorts, Volumes): a set of keys, written as an object whose
 * values are empty objects, sorted as Go writes map keys.
 */
public record StringSet(SortedSet<String> values) {
  public StringSet {
    values = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(values));
  }

  public static StringSet of(Collection<String> values) {
    return new StringSet(new TreeSet<>(values));
  }

  @JsonCreator
  static StringSet fromJson(Map<String, Object> json) {
    return json == null ? null : new StringSet(new TreeSet<>(json.keySet()));
  }

  @JsonValue
  Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach(v -> out.put(v, Map.of()));
    return out;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** Both sets' values; either may be null. */
  public static StringSet union(StringSet a, StringSet b) {
    TreeSet<String> all = new TreeSet<>();
    if (a != null) {
      all.addAll(a.values);
    }
    if (b != null) {
      all.addAll(b.values);
    }
    return new StringSet(all);
  }
}
