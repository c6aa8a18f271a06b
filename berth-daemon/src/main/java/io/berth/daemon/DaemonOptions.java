package io.berth.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daemon's settings: command-line flags merged with daemon.json (a setting may come from
 * one or the other, never both) over the defaults. Strings that were not set are empty, as Go's
 * zero values are. {@code config} keeps every daemon.json key for settings without a field here.
 */
public record DaemonOptions(
    List<String> hosts,
    Path dataRoot,
    Path execRoot,
    Path pidfile,
    Path configFile,
    boolean debug,
    Log.Level logLevel,
    String storageDriver,
    String bridge,
    String bip,
    String defaultRuntime,
    Map<String, Object> runtimes,
    String logDriver,
    Map<String, String> logOpts,
    List<String> insecureRegistries,
    List<String> registryMirrors,
    List<String> labels,
    boolean liveRestore,
    Map<String, Object> defaultUlimits,
    Map<String, Object> config,
    int maxConcurrentDownloads,
    int maxConcurrentUploads,
    int maxDownloadAttempts,
    Path registryCertsDir) {

  public static final String DEFAULT_HOST = "unix:///var/run/berth.sock";

  /** Merges flags and file; a setting given by both is an error in dockerd's words. */
  public static DaemonOptions resolve(DaemonFlags flags, DaemonConfigFile file) throws ConfigException {
    List<String> conflicts = new ArrayList<>();
    for (Map.Entry<String, Object> given : flags.given().entrySet()) {
      DaemonFlags.Spec spec = DaemonFlags.byName(given.getKey()).orElseThrow();
      if (spec.configKey() != null && file.has(spec.configKey())) {
        conflicts.add(spec.configKey() + ": (from flag: " + goValue(given.getValue())
            + ", from file: " + goValue(file.get(spec.configKey())) + ")");
      }
    }
    if (!conflicts.isEmpty()) {
      throw new ConfigException("the following directives are specified both as a flag and in the configuration file: "
          + String.join(", ", conflicts));
    }
    Merged m = new Merged(flags, file);
    List<String> hosts = m.list("host");
    if (hosts.isEmpty()) {
      hosts = List.of(DEFAULT_HOST);
    }
    Log.Level level;
    try {
      level = Log.Level.parse(m.string("log-level"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    boolean debug = m.bool("debug");
    return new DaemonOptions(
        List.copyOf(hosts),
        absolute(m.string("data-root")),
        absolute(m.string("exec-root")),
        absolute(m.string("pidfile")),
        Path.of(flags.string("config-file")),
        debug,
        debug ? Log.Level.DEBUG : level,
        m.string("storage-driver"),
        m.string("bridge"),
        m.string("bip"),
        m.string("default-runtime"),
        m.map("runtimes"),
        m.string("log-driver"),
        m.stringMap("log-opts"),
        m.list("insecure-registry"),
        m.list("registry-mirror"),
        m.list("label"),
        m.bool("live-restore"),
        m.map("default-ulimits"),
        file.values(),
        m.limit("max-concurrent-downloads", "invalid max concurrent downloads: ", 0),
        m.limit("max-concurrent-uploads", "invalid max concurrent uploads: ", 0),
        m.limit("max-download-attempts", "invalid max download attempts: ", 1),
        absolute(m.string("registry-certs-dir")));
  }

  private static Path absolute(String path) {
    return Path.of(path).toAbsolutePath().normalize();
  }

  /** Reads a setting by flag name: the flag if given, else the file's key, else the flag's default. */
  private record Merged(DaemonFlags flags, DaemonConfigFile file) {
    private Object fromFile(String flag) {
      String key = DaemonFlags.byName(flag).orElseThrow().configKey();
      return key == null ? null : file.get(key);
    }

    String string(String flag) {
      if (!flags.isSet(flag) && fromFile(flag) instanceof String value) {
        return value;
      }
      String value = flags.string(flag);
      return value == null ? "" : value;
    }

    boolean bool(String flag) {
      if (!flags.isSet(flag) && fromFile(flag) instanceof Boolean value) {
        return value;
      }
      return flags.bool(flag);
    }

    /**
     * A whole number at least {@code min}, refused in dockerd's words: config.Validate runs on
     * the file alone first, then on file and flags merged.
     */
    int limit(String flag, String message, int min) throws ConfigException {
      long value = !flags.isSet(flag) && fromFile(flag) instanceof Number n ? n.longValue()
          : Long.parseLong(flags.string(flag));
      if (value < min) {
        throw new ConfigException((flags.isSet(flag) ? "merged configuration validation from file and command line "
            + "flags failed: " : "configuration validation from file failed: ") + message + value);
      }
      return (int) Math.min(value, Integer.MAX_VALUE);
    }

    List<String> list(String flag) {
      if (!flags.isSet(flag) && fromFile(flag) instanceof List<?> value) {
        return value.stream().map(String::valueOf).toList();
      }
      return flags.list(flag);
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
  }

  /** Go's %v of a flag or JSON value: lists as {@code [a b]}, maps as {@code map[k:v]}. */
  static String goValue(Object value) {
    return switch (value) {
      case null -> "<nil>";
      case List<?> list -> "[" + String.join(" ", list.stream().map(DaemonOptions::goValue).toList()) + "]";
      case Map<?, ?> map -> {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(map).forEach((k, v) -> parts.add(k + ":" + goValue(v)));
        yield "map[" + String.join(" ", parts) + "]";
      }
      case Double d when d == Math.rint(d) && Math.abs(d) < 1e21 -> Long.toString(d.longValue());
      default -> String.valueOf(value);
    };
  }
}
