package io.berth.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daemon's settings: command-line flags merged with daemon.json (a setting may come from
 * one or the other, never both) over the defaults, validated as dockerd validates them, and with
 * every setting berth does not implement refused ({@link SettingSupport}). Strings that were not
 * set are empty, as Go's zero values are. {@code config} keeps every daemon.json key.
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
    DaemonTls tls,
    String socketGroup,
    Map<String, String> execOpts,
    List<String> storageOpts,
    int maxConcurrentDownloads,
    int maxConcurrentUploads,
    int maxDownloadAttempts,
    Path registryCertsDir,
    io.berth.engine.Engine.NetworkOptions network,
    String cgroupParent) {

  public static final String DEFAULT_HOST = "unix:///var/run/berth.sock";
  /** dockerd's DefaultTLSHost: where a daemon with TLS and no -H listens. */
  public static final String DEFAULT_TLS_HOST = "tcp://localhost:2376";

  public static DaemonOptions resolve(DaemonFlags flags, DaemonConfigFile file) throws ConfigException {
    return resolve(flags, file, System.getenv());
  }

  /** Merges flags and file; a setting given by both is an error in dockerd's words. */
  public static DaemonOptions resolve(DaemonFlags flags, DaemonConfigFile file, Map<String, String> env)
      throws ConfigException {
    List<String> conflicts = new ArrayList<>();
    for (Map.Entry<String, Object> given : flags.given().entrySet()) {
      DaemonFlags.Spec spec = DaemonFlags.byName(given.getKey()).orElseThrow();
      if (spec.configKey() != null && !spec.configKey().equals("runtimes") && file.has(spec.configKey())) {
        conflicts.add(spec.configKey() + ": (from flag: " + goValue(given.getValue())
            + ", from file: " + goValue(file.get(spec.configKey())) + ")");
      }
    }
    if (!conflicts.isEmpty()) {
      throw new ConfigException("the following directives are specified both as a flag and in the configuration file: "
          + String.join(", ", conflicts));
    }
    MergedSettings m = new MergedSettings(flags, file);
    DaemonValidation.validate(m);
    Map<String, Object> runtimes = m.runtimes();
    String refusal = SettingSupport.refusal(m);
    if (refusal != null) {
      throw new ConfigException(refusal, ConfigException.Kind.PLAIN);
    }
    DaemonTls tls = DaemonTls.resolve(flags, file, env);
    boolean debug = m.bool("debug");
    Log.Level level = Log.Level.parse(m.string("log-level"));
    return new DaemonOptions(
        hosts(m.list("hosts"), tls.enabled()),
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
        runtimes,
        m.string("log-driver"),
        m.stringMap("log-opts"),
        m.list("insecure-registries"),
        m.list("registry-mirrors"),
        m.list("labels"),
        m.bool("live-restore"),
        m.map("default-ulimits"),
        file.values(),
        tls,
        m.string("group"),
        DaemonValidation.execOptions(m.list("exec-opts")),
        m.list("storage-opts"),
        (int) DaemonValidation.numberOrDefault(m, "max-concurrent-downloads"),
        (int) DaemonValidation.numberOrDefault(m, "max-concurrent-uploads"),
        (int) DaemonValidation.numberOrDefault(m, "max-download-attempts"),
        absolute(m.string("registry-certs-dir")),
        DaemonNetwork.options(m),
        m.string("cgroup-parent"));
  }

  /** dockerd's normalizeHosts: no host (or an empty one) is the default socket, or with TLS tcp://localhost:2376. */
  private static List<String> hosts(List<String> given, boolean tls) {
    List<String> hosts = new ArrayList<>();
    for (String host : given.isEmpty() ? List.of("") : given) {
      String normalized = host.isBlank() ? (tls ? DEFAULT_TLS_HOST : DEFAULT_HOST) : host.strip();
      if (!hosts.contains(normalized)) {
        hosts.add(normalized);
      }
    }
    return List.copyOf(hosts);
  }

  private static Path absolute(String path) {
    return Path.of(path).toAbsolutePath().normalize();
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
