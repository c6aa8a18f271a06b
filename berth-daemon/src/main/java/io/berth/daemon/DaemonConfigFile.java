package io.berth.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.common.Json;
import io.berth.daemon.http.JsonErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * daemon.json, read and checked the way dockerd checks it: every key must be a known option,
 * and the keys berth uses must have the right JSON type.
 */
public final class DaemonConfigFile {
  /** The top-level keys dockerd's daemon.json accepts. */
  static final Set<String> KNOWN_KEYS = Set.of(
      "allow-nondistributable-artifacts", "api-cors-header", "authorization-plugins", "bip", "bip6",
      "bridge", "builder", "cdi-spec-dirs", "cgroup-parent", "containerd", "containerd-namespace",
      "containerd-plugins-namespace", "data-root", "debug", "default-address-pools",
      "default-cgroupns-mode", "default-gateway", "default-gateway-v6", "default-ipc-mode",
      "default-network-opts", "default-runtime", "default-shm-size", "default-ulimits", "dns",
      "dns-opts", "dns-search", "exec-opts", "exec-root", "experimental", "features",
      "firewall-backend", "fixed-cidr", "fixed-cidr-v6", "group", "host-gateway-ip",
      "host-gateway-ips", "hosts", "http-proxy", "https-proxy", "icc", "init", "init-path",
      "insecure-registries", "ip", "ip-forward", "ip-forward-no-drop", "ip-masq", "ip6tables",
      "iptables", "ipv6", "labels", "live-restore", "log-driver", "log-format", "log-level",
      "log-opts", "max-concurrent-downloads", "max-concurrent-uploads", "max-download-attempts",
      "min-api-version", "mtu", "no-new-privileges", "no-proxy", "node-generic-resources",
      "oom-score-adjust", "pidfile", "proxies", "raw-logs", "registry-certs-dir", "registry-mirrors", "runtimes",
      "seccomp-profile", "selinux-enabled", "shutdown-timeout", "storage-driver", "storage-opts",
      "swarm-default-advertise-addr", "tls", "tlscacert", "tlscert", "tlskey", "tlsverify",
      "userland-proxy", "userland-proxy-path", "userns-remap");

  private enum Type { STRING, BOOL, INT, STRING_LIST, STRING_MAP, OBJECT }

  /** The keys berth reads itself, with the type Go would unmarshal them into. */
  private static final Map<String, Type> TYPED = Map.ofEntries(
      Map.entry("bip", Type.STRING), Map.entry("bridge", Type.STRING),
      Map.entry("data-root", Type.STRING), Map.entry("debug", Type.BOOL),
      Map.entry("default-runtime", Type.STRING), Map.entry("default-ulimits", Type.OBJECT),
      Map.entry("exec-root", Type.STRING), Map.entry("hosts", Type.STRING_LIST),
      Map.entry("insecure-registries", Type.STRING_LIST), Map.entry("labels", Type.STRING_LIST),
      Map.entry("live-restore", Type.BOOL), Map.entry("log-driver", Type.STRING),
      Map.entry("log-level", Type.STRING), Map.entry("log-opts", Type.STRING_MAP),
      Map.entry("max-concurrent-downloads", Type.INT), Map.entry("max-concurrent-uploads", Type.INT),
      Map.entry("max-download-attempts", Type.INT), Map.entry("registry-certs-dir", Type.STRING),
      Map.entry("pidfile", Type.STRING), Map.entry("registry-mirrors", Type.STRING_LIST),
      Map.entry("runtimes", Type.OBJECT), Map.entry("storage-driver", Type.STRING));

  private final Path path;
  private final Map<String, Object> values;

  private DaemonConfigFile(Path path, Map<String, Object> values) {
    this.path = path;
    this.values = values;
  }

  /** No file: what a missing default config file amounts to. */
  public static DaemonConfigFile empty(Path path) {
    return new DaemonConfigFile(path, Map.of());
  }

  /**
   * Reads the file. A missing file is fine unless {@code required} (the user named it);
   * messages follow dockerd's ({@code open X: no such file or directory}, unknown directives).
   */
  public static DaemonConfigFile load(Path path, boolean required) throws ConfigException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      if (required) {
        throw new ConfigException("open " + path + ": no such file or directory");
      }
      return empty(path);
    } catch (IOException e) {
      throw new ConfigException("open " + path + ": " + e.getMessage());
    }
    return parse(path, bytes);
  }

  static DaemonConfigFile parse(Path path, byte[] bytes) throws ConfigException {
    if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return empty(path);
    }
    Object parsed;
    try {
      parsed = Json.MAPPER.readValue(bytes, Object.class);
    } catch (JsonProcessingException e) {
      throw new ConfigException(JsonErrors.describe(e));
    } catch (IOException e) {
      throw new ConfigException(e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new ConfigException("json: cannot unmarshal " + jsonType(parsed) + " into Go value of type map[string]interface {}");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    map.forEach((k, v) -> values.put((String) k, v));

    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(KNOWN_KEYS);
    if (!unknown.isEmpty()) {
      throw new ConfigException("the following directives don't match any configuration option: "
          + String.join(", ", unknown));
    }
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      Type type = TYPED.get(entry.getKey());
      if (type != null && entry.getValue() != null && !matches(type, entry.getValue())) {
        String found = type == Type.INT && entry.getValue() instanceof Number n ? "number " + n : jsonType(entry.getValue());
        throw new ConfigException("json: cannot unmarshal " + found
            + " into Go struct field Config." + entry.getKey() + " of type " + goType(type));
      }
    }
    return new DaemonConfigFile(path, Collections.unmodifiableMap(values));
  }

  private static boolean matches(Type type, Object value) {
    return switch (type) {
      case STRING -> value instanceof String;
      case BOOL -> value instanceof Boolean;
      case INT -> value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue());
      case STRING_LIST -> value instanceof List<?> list && list.stream().allMatch(String.class::isInstance);
      case STRING_MAP -> value instanceof Map<?, ?> map && map.values().stream().allMatch(String.class::isInstance);
      case OBJECT -> value instanceof Map<?, ?>;
    };
  }

  private static String goType(Type type) {
    return switch (type) {
      case STRING -> "string";
      case BOOL -> "bool";
      case INT -> "int";
      case STRING_LIST -> "[]string";
      case STRING_MAP -> "map[string]string";
      case OBJECT -> "map[string]interface {}";
    };
  }

  private static String jsonType(Object value) {
    return switch (value) {
      case null -> "null";
      case String s -> "string";
      case Boolean b -> "bool";
      case Number n -> "number";
      case List<?> l -> "array";
      case Map<?, ?> m -> "object";
      default -> value.getClass().getSimpleName();
    };
  }

  public Path path() {
    return path;
  }

  /** Every key of the file, in file order (unmodifiable). */
  public Map<String, Object> values() {
    return values;
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  public Object get(String key) {
    return values.get(key);
  }
}
