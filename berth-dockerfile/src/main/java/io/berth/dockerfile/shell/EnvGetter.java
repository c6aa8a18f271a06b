package io.berth.dockerfile.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The variables a word is expanded against (BuildKit's shell.EnvGetter). */
public interface EnvGetter {
  Optional<String> get(String key);

  List<String> keys();

  /** No variables at all. */
  EnvGetter EMPTY = of(Map.of());

  /** {@code KEY=value} entries; a later key wins, an entry without '=' has the empty value. */
  static EnvGetter fromList(List<String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>();
    for (String entry : env) {
      int eq = entry.indexOf('=');
      String key = eq < 0 ? entry : entry.substring(0, eq);
      keys.add(key);
      values.put(key, eq < 0 ? "" : entry.substring(eq + 1));
    }
    return new MapEnv(values, List.copyOf(keys));
  }

  static EnvGetter of(Map<String, String> values) {
    return new MapEnv(Map.copyOf(values), List.copyOf(values.keySet()));
  }

  record MapEnv(Map<String, String> values, List<String> keys) implements EnvGetter {
    @Override
    public Optional<String> get(String key) {
      return Optional.ofNullable(values.get(key));
    }
  }
}
