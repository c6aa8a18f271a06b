package io.berth.daemon;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The daemon's settings by daemon.json name: a flag that was given, else the file's key, else the
 * flag's default. A setting can come from one of the two only (DaemonOptions refuses the
 * others), except {@code runtimes}, which dockerd merges from --add-runtime and the file.
 */
record MergedSettings(DaemonFlags flags, DaemonConfigFile file) {
  private static Optional<DaemonFlags.Spec> specOf(String key) {
    return DaemonFlags.SPECS.stream().filter(s -> key.equals(s.configKey())).findFirst();
  }

  /** Whether the setting was given at all, by flag or file. */
  boolean isSet(String key) {
    return flagGiven(key) != null || file.has(key);
  }

  private Object flagGiven(String key) {
    return specOf(key).map(spec -> flags.given(spec.name())).orElse(null);
  }

  /** The value as given (flag: Boolean, Long, String or List; file: the JSON value), null when not set. */
  Object given(String key) {
    Object flag = flagGiven(key);
    return flag != null ? flag : file.get(key);
  }

  /** "flag" or "file": where {@link #given} came from. */
  String source(String key) {
    return flagGiven(key) != null ? "flag" : "file";
  }

  String string(String key) {
    if (flagGiven(key) == null && file.get(key) instanceof String value) {
      return value;
    }
    String value = specOf(key).map(spec -> flags.string(spec.name())).orElse(null);
    return value == null ? "" : value;
  }

  boolean bool(String key) {
    if (flagGiven(key) == null && file.get(key) instanceof Boolean value) {
      return value;
    }
    return specOf(key).map(spec -> flags.bool(spec.name())).orElse(false);
  }

  List<String> list(String key) {
    Object flag = flagGiven(key);
    if (flag == null && file.get(key) instanceof List<?> value) {
      return value.stream().map(String::valueOf).toList();
    }
    return specOf(key).map(spec -> flags.list(spec.name())).orElse(List.of());
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> map(String key) {
    return file.get(key) instanceof Map<?, ?> value
        ? Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, Object>) value))
        : Map.of();
  }

  Map<String, String> stringMap(String key) {
    Map<String, String> result = new LinkedHashMap<>();
    map(key).forEach((k, v) -> result.put(k, String.valueOf(v)));
    return Collections.unmodifiableMap(result);
  }

  /**
   * daemon.json's runtimes with --add-runtime NAME=PATH added, checked as dockerd's RuntimeOpt
   * and setupRuntimes check them. berth runs a runtime by path; runtimeType (containerd shims),
   * options and runtimeArgs are refused by {@link SettingSupport}.
   */
  Map<String, Object> runtimes() throws ConfigException {
    Map<String, Object> runtimes = new LinkedHashMap<>(map("runtimes"));
    Map<String, Object> added = new LinkedHashMap<>();
    for (String value : flags.list("add-runtime")) {
      int eq = value.indexOf('=');
      String name = eq < 0 ? "" : value.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
      String path = eq < 0 ? "" : value.substring(eq + 1).strip();
      if (name.isEmpty() || path.isEmpty()) {
        throw addRuntime(value, "invalid runtime argument: " + value);
      }
      if (name.equals("runc")) {
        throw addRuntime(value, "runtime name 'runc' is reserved");
      }
      if (added.containsKey(name)) {
        throw addRuntime(value, "runtime '" + name + "' was already defined");
      }
      added.put(name, Map.of("path", path));
    }
    added.forEach(runtimes::putIfAbsent); // mergo keeps the file's entry
    if (runtimes.containsKey("runc")) {
      throw new ConfigException("failed to start daemon: runtime name 'runc' is reserved", ConfigException.Kind.PLAIN);
    }
    for (Map.Entry<String, Object> entry : runtimes.entrySet()) {
      Map<?, ?> spec = entry.getValue() instanceof Map<?, ?> m ? m : Map.of();
      boolean path = spec.get("path") instanceof String p && !p.isEmpty();
      boolean type = spec.get("runtimeType") instanceof String t && !t.isEmpty();
      String problem = !path && !type ? "either a runtimeType or a path must be configured"
          : path && type ? "cannot configure both path and runtimeType for the same runtime"
          : path && spec.get("options") instanceof Map<?, ?> o && !o.isEmpty() ? "options cannot be used with a path runtime"
          : null;
      if (problem != null) {
        throw new ConfigException("failed to start daemon: runtime " + entry.getKey() + ": " + problem,
            ConfigException.Kind.PLAIN);
      }
    }
    return Collections.unmodifiableMap(runtimes);
  }

  /** pflag's wording of a value --add-runtime refuses. */
  private static ConfigException addRuntime(String value, String problem) {
    return new ConfigException("invalid argument \"" + value + "\" for \"--add-runtime\" flag: " + problem,
        ConfigException.Kind.PLAIN);
  }
}
