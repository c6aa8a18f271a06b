package io.berth.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Docker's {@code filters} query parameter: a JSON {@code map[string][]string}, also accepted in
 * the legacy {@code map[string]map[string]bool} form. Each endpoint validates its own keys.
 */
public record Filters(Map<String, List<String>> values) {
  public static final Filters EMPTY = new Filters(Map.of());

  public static Filters parse(String json) {
    if (json == null || json.isBlank()) {
      return EMPTY;
    }
    Map<String, Object> raw;
    try {
      raw = Json.object(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new BerthException.InvalidParameter("invalid filter: " + e.getMessage().lines().findFirst().orElse(""));
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    raw.forEach((key, value) -> {
      List<String> list = new ArrayList<>();
      if (value instanceof List<?> l) {
        l.forEach(v -> list.add(String.valueOf(v)));
      } else if (value instanceof Map<?, ?> m) {
        m.forEach((k, on) -> {
          if (Boolean.TRUE.equals(on)) {
            list.add(String.valueOf(k));
          }
        });
      } else {
        throw new BerthException.InvalidParameter("invalid filter: filter '" + key + "' must be a list");
      }
      values.put(key, list);
    });
    return new Filters(values);
  }

  /** Rejects keys the endpoint does not know, with Docker's message. */
  public Filters validate(Set<String> accepted) {
    for (String key : values.keySet()) {
      if (!accepted.contains(key)) {
        throw new BerthException.InvalidParameter("invalid filter '" + key + "'");
      }
    }
    return this;
  }

  public boolean has(String key) {
    return values.containsKey(key) && !values.get(key).isEmpty();
  }

  public List<String> get(String key) {
    return values.getOrDefault(key, List.of());
  }

  /** True when no value is given for {@code key} or one of them matches. */
  public boolean anyOrNone(String key, java.util.function.Predicate<String> match) {
    List<String> wanted = get(key);
    return wanted.isEmpty() || wanted.stream().anyMatch(match);
  }

  /** A boolean filter such as {@code dangling=true}; Docker's error when it is neither. */
  public Boolean bool(String key) {
    List<String> v = get(key);
    if (v.isEmpty()) {
      return null;
    }
    boolean anyTrue = false;
    boolean anyFalse = false;
    for (String s : v) {
      switch (s.toLowerCase()) {
        case "true", "1" -> anyTrue = true;
        case "false", "0" -> anyFalse = true;
        default -> throw new BerthException.InvalidParameter(
            "invalid filter '" + key + "=" + s + "'"); // Docker: Invalid filter 'dangling=x'
      }
    }
    if (anyTrue && anyFalse) {
      throw new BerthException.InvalidParameter("invalid filter '" + key + "'");
    }
    return anyTrue;
  }

  /** {@code label=key} or {@code label=key=value} against a label map. */
  public static boolean labelsMatch(Collection<String> wanted, Map<String, String> labels) {
    for (String w : wanted) {
      int eq = w.indexOf('=');
      String key = eq < 0 ? w : w.substring(0, eq);
      if (!labels.containsKey(key)) {
        return false;
      }
      if (eq >= 0 && !w.substring(eq + 1).equals(labels.get(key))) {
        return false;
      }
    }
    return true;
  }

  /** Encodes as the modern JSON form. */
  public String toJson() {
    return Json.string(values);
  }
}
