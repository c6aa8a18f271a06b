package io.berth.cli;

import io.berth.common.BerthException;
import io.berth.common.Units;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --mount} values (Docker's MountOpt) and {@code -v} specs (compose's volumespec): the
 * former become HostConfig.Mounts entries, the latter Binds or anonymous Config.Volumes.
 */
final class MountSpecs {
  private MountSpecs() {}

  /** Validates a --mount value as it is set; relative sources are resolved later. */
  static String mountFlag(String value) {
    mount(value, Path.of(""));
    return value;
  }

  /** MountOpt.Set: one mount as the API's Mount object. */
  static Map<String, Object> mount(String value, Path cwd) {
    String type = "volume";
    String source = null;
    String target = null;
    boolean readOnly = false;
    String consistency = null;
    Map<String, Object> bind = null;
    Map<String, Object> volume = null;
    Map<String, Object> tmpfs = null;
    for (String field : Csv.fields(value)) {
      int eq = field.indexOf('=');
      String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
      if (eq < 0) {
        switch (key) {
          case "readonly", "ro" -> readOnly = true;
          case "volume-nocopy" -> (volume = orNew(volume)).put("NoCopy", true);
          case "bind-nonrecursive" -> throw new IllegalArgumentException(
              "bind-nonrecursive is deprecated, use bind-recursive=disabled instead");
          default -> throw new IllegalArgumentException("invalid field '" + field + "' must be a key=value pair");
        }
        continue;
      }
      String val = field.substring(eq + 1);
      switch (key) {
        case "type" -> type = val.toLowerCase(Locale.ROOT);
        case "source", "src" -> source = val.equals(".") || val.startsWith("./")
            ? cwd.toAbsolutePath().resolve(val).normalize().toString() : val;
        case "target", "dst", "destination" -> target = val;
        case "readonly", "ro" -> readOnly = parseBool(key, val);
        case "consistency" -> consistency = val.toLowerCase(Locale.ROOT);
        case "bind-propagation" -> (bind = orNew(bind)).put("Propagation", val.toLowerCase(Locale.ROOT));
        case "bind-recursive" -> {
          bind = orNew(bind);
          switch (val) {
            case "enabled" -> { }
            case "disabled" -> bind.put("NonRecursive", true);
            case "writable" -> bind.put("ReadOnlyNonRecursive", true);
            case "readonly" -> bind.put("ReadOnlyForceRecursive", true);
            default -> throw new IllegalArgumentException("invalid value for " + key + ": " + val
                + " (must \"enabled\", \"disabled\", \"writable\", or \"readonly\")");
          }
        }
        case "bind-create-mountpoint" -> (bind = orNew(bind)).put("CreateMountpoint", parseBool(key, val));
        case "volume-subpath" -> (volume = orNew(volume)).put("Subpath", val);
        case "volume-nocopy" -> (volume = orNew(volume)).put("NoCopy", parseBool(key, val));
        case "volume-label" -> putKeyValue(volume = orNew(volume), "Labels", val);
        case "volume-driver" -> driverConfig(volume = orNew(volume)).put("Name", val);
        case "volume-opt" -> putKeyValue(driverConfig(volume = orNew(volume)), "Options", val);
        case "tmpfs-size" -> {
          try {
            (tmpfs = orNew(tmpfs)).put("SizeBytes", Units.ramInBytes(val));
          } catch (BerthException e) {
            throw new IllegalArgumentException("invalid value for " + key + ": " + val);
          }
        }
        case "tmpfs-mode" -> {
          try {
            (tmpfs = orNew(tmpfs)).put("Mode", Long.parseLong(val, 8));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for " + key + ": " + val);
          }
        }
        default -> throw new IllegalArgumentException("unexpected key '" + key + "' in '" + field + "'");
      }
    }
    if (type.isEmpty()) {
      throw new IllegalArgumentException("type is required");
    }
    if (target == null || target.isEmpty()) {
      throw new IllegalArgumentException("target is required");
    }
    mixCheck(volume, "volume", type);
    mixCheck(bind, "bind", type);
    mixCheck(tmpfs, "tmpfs", type);
    if (bind != null && bind.containsKey("ReadOnlyNonRecursive") && !readOnly) {
      throw new IllegalArgumentException(
          "option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction");
    }
    if (bind != null && bind.containsKey("ReadOnlyForceRecursive") && !readOnly) {
      throw new IllegalArgumentException(
          "option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction");
    }
    Map<String, Object> mount = new LinkedHashMap<>();
    mount.put("Type", type);
    if (source != null && !source.isEmpty()) {
      mount.put("Source", source);
    }
    mount.put("Target", target);
    if (readOnly) {
      mount.put("ReadOnly", true);
    }
    if (consistency != null && !consistency.isEmpty()) {
      mount.put("Consistency", consistency);
    }
    if (bind != null) {
      mount.put("BindOptions", ordered(bind, "Propagation", "NonRecursive", "CreateMountpoint",
          "ReadOnlyNonRecursive", "ReadOnlyForceRecursive"));
    }
    if (volume != null) {
      mount.put("VolumeOptions", ordered(volume, "NoCopy", "Labels", "Subpath", "DriverConfig"));
    }
    if (tmpfs != null) {
      mount.put("TmpfsOptions", ordered(tmpfs, "SizeBytes", "Mode"));
    }
    return mount;
  }

  private static void mixCheck(Map<String, Object> options, String kind, String type) {
    if (options != null && !type.equals(kind)) {
      throw new IllegalArgumentException("cannot mix '" + kind + "-*' options with mount type '" + type + "'");
    }
  }

  private static Map<String, Object> orNew(Map<String, Object> map) {
    return map == null ? new LinkedHashMap<>() : map;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> driverConfig(Map<String, Object> volume) {
    return (Map<String, Object>) volume.computeIfAbsent("DriverConfig", k -> new LinkedHashMap<String, Object>());
  }

  @SuppressWarnings("unchecked")
  private static void putKeyValue(Map<String, Object> target, String key, String value) {
    Map<String, String> map = (Map<String, String>) target.computeIfAbsent(key, k -> new TreeMap<String, String>());
    int eq = value.indexOf('=');
    map.put(eq < 0 ? value : value.substring(0, eq), eq < 0 ? "" : value.substring(eq + 1));
  }

  private static Map<String, Object> ordered(Map<String, Object> values, String... keys) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : keys) {
      if (values.containsKey(key)) {
        Object value = values.get(key);
        out.put(key, value instanceof Map<?, ?> m && key.equals("DriverConfig") ? orderedDriver(m) : value);
      }
    }
    return out;
  }

  private static Map<String, Object> orderedDriver(Map<?, ?> driver) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (driver.get("Name") != null) {
      out.put("Name", driver.get("Name"));
    }
    if (driver.get("Options") != null) {
      out.put("Options", driver.get("Options"));
    }
    return out;
  }

  private static boolean parseBool(String key, String value) {
    return switch (value) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new IllegalArgumentException("invalid value for " + key + ": " + value);
    };
  }

  /** A -v spec split as compose's volumespec.Parse does: source (may be empty) and the rest. */
  record VolumeSpec(String source, String target) {
    boolean isBind() {
      return !source.isEmpty();
    }
  }

  /** volumespec.Parse's field splitting and errors (Linux paths). */
  static VolumeSpec parseVolume(String spec) {
    if (spec.isEmpty()) {
      throw new IllegalArgumentException("invalid empty volume spec");
    }
    if (spec.length() <= 2) {
      return new VolumeSpec("", spec);
    }
    String[] parts = spec.split(":", -1);
    for (String part : parts) {
      if (part.isEmpty()) {
        throw new IllegalArgumentException("invalid spec: " + spec + ": empty section between colons");
      }
    }
    if (parts.length > 3) {
      throw new IllegalArgumentException("invalid spec: " + spec + ": too many colons");
    }
    return parts.length == 1 ? new VolumeSpec("", parts[0]) : new VolumeSpec(parts[0], parts[1]);
  }

  /** The Binds entry for a bind spec: a relative "./x" host path made absolute, as Docker does. */
  static String bind(String spec, Path cwd) {
    int colon = spec.indexOf(':');
    String host = spec.substring(0, colon);
    if (host.startsWith(".")) {
      host = cwd.toAbsolutePath().resolve(host).normalize().toString();
    }
    return host + spec.substring(colon);
  }

  /** HostConfig.Tmpfs: path → options. */
  static Map<String, String> tmpfs(List<String> values) {
    return KeyValues.split(values, ':', new TreeMap<>());
  }
}
