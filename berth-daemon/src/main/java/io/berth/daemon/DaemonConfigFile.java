package io.berth.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.common.Json;
import io.berth.daemon.http.JsonErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
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
  /** dockerd's keys with no flag of the same name: read only from the file (moby's skipValidateOptions). */
  private static final Set<String> FILE_ONLY_KEYS = Set.of("features", "builder", "deprecated-key-path", "host-gateway-ip");

  /** Keys whose object value is a setting of its own; other objects are flattened into their keys, as dockerd does. */
  private static final Set<String> FLAT_KEYS = Set.of(
      "cluster-store-opts", "default-network-opts", "log-opts", "runtimes", "default-ulimits", "features", "builder");

  /**
   * The top-level keys dockerd's daemon.json accepts: every flag's name, every named option's
   * name, and the file-only keys.
   */
  static final Set<String> KNOWN_KEYS = knownKeys();

  private static Set<String> knownKeys() {
    Set<String> keys = new TreeSet<>(FILE_ONLY_KEYS);
    for (DaemonFlags.Spec spec : DaemonFlags.SPECS) {
      keys.add(spec.name());
      if (spec.configKey() != null) {
        keys.add(spec.configKey());
      }
    }
    return Collections.unmodifiableSet(keys);
  }

  private enum Type { STRING, BOOL, INT, STRING_LIST, LIST, STRING_MAP, OBJECT, ANY }

  /** Every setting key with the type Go unmarshals it into (flag names dockerd ignores in the file are absent). */
  private static final Map<String, Type> TYPED = types();

  private static Map<String, Type> types() {
    Map<String, Type> types = new java.util.HashMap<>();
    for (DaemonFlags.Spec spec : DaemonFlags.SPECS) {
      if (spec.configKey() != null) {
        types.put(spec.configKey(), switch (spec.kind()) {
          case BOOL -> Type.BOOL;
          case INT -> Type.INT;
          case STRING -> Type.STRING;
          case LIST -> Type.STRING_LIST;
        });
      }
    }
    for (String key : List.of("runtimes", "default-ulimits", "features", "builder", "default-network-opts")) {
      types.put(key, Type.OBJECT);
    }
    types.put("log-opts", Type.STRING_MAP);
    types.put("default-address-pools", Type.LIST);
    types.put("host-gateway-ip", Type.STRING);
    types.put("default-shm-size", Type.ANY); // MemBytes reads a string or a number
    return Map.copyOf(types);
  }

  private final Path path;
  private final Map<String, Object> values;
  private final boolean exists;

  private DaemonConfigFile(Path path, Map<String, Object> values, boolean exists) {
    this.path = path;
    this.values = values;
    this.exists = exists;
  }

  /** No file: what a missing default config file amounts to. */
  public static DaemonConfigFile empty(Path path) {
    return new DaemonConfigFile(path, Map.of(), false);
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
      return new DaemonConfigFile(path, Map.of(), true);
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
    Map<String, Object> values = flatten(map);

    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(KNOWN_KEYS);
    if (!unknown.isEmpty()) {
      throw new ConfigException("the following directives don't match any configuration option: "
          + String.join(", ", unknown));
    }
    List<String> flagNames = new ArrayList<>();
    for (String key : new TreeSet<>(values.keySet())) {
      if (!TYPED.containsKey(key) && !FILE_ONLY_KEYS.contains(key)) {
        String configKey = DaemonFlags.byName(key).map(DaemonFlags.Spec::configKey).orElse(null);
        flagNames.add(configKey == null ? key : key + " (the file's name is \"" + configKey + "\")");
      }
    }
    if (!flagNames.isEmpty()) {
      // dockerd accepts these names (they are flags) and then ignores them: berth says so instead.
      throw new ConfigException("the following directives are flag names, which dockerd ignores in the configuration file: "
          + String.join(", ", flagNames));
    }
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      Type type = TYPED.get(entry.getKey());
      if (type != null && entry.getValue() != null && !matches(type, entry.getValue())) {
        String found = type == Type.INT && entry.getValue() instanceof Number n ? "number " + n : jsonType(entry.getValue());
        throw new ConfigException("json: cannot unmarshal " + found
            + " into Go struct field Config." + entry.getKey() + " of type " + goType(type));
      }
    }
    return new DaemonConfigFile(path, Collections.unmodifiableMap(values), true);
  }

  /** dockerd's configValuesSet: an object under a key that is not a setting of its own is read as its keys. */
  private static Map<String, Object> flatten(Map<?, ?> map) {
    Map<String, Object> values = new LinkedHashMap<>();
    map.forEach((k, v) -> {
      if (v instanceof Map<?, ?> inner && !FLAT_KEYS.contains((String) k)) {
        inner.forEach((ik, iv) -> values.put((String) ik, iv));
      } else {
        values.put((String) k, v);
      }
    });
    return values;
  }

  private static boolean matches(Type type, Object value) {
    return switch (type) {
      case STRING -> value instanceof String;
      case BOOL -> value instanceof Boolean;
      case INT -> value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue());
      case LIST -> value instanceof List<?>;
      case ANY -> true;
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
      case LIST -> "[]interface {}";
      case ANY -> "interface {}";
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

  /** Whether a file was read (dockerd words validation errors differently then). */
  public boolean exists() {
    return exists;
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
