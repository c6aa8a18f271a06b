package io.berth.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resource flag values turned into the API's structures, field order as Go marshals them:
 * ulimits, devices, blkio device weights and throttles, GPU device requests.
 */
final class ResourceSpecs {
  private ResourceSpecs() {}

  /** Validates a --gpus value (GpuOpts.Set) and keeps it as given. */
  static String gpuRequest(String value) {
    gpu(value);
    return value;
  }

  /** GpuOpts.Set: "all", a count, or csv of driver=, count=, device=, capabilities=, options=. */
  static Map<String, Object> gpu(String value) {
    String driver = "";
    long count = 0;
    List<String> deviceIds = null;
    List<List<String>> capabilities = null;
    Map<String, String> options = null;
    boolean countSeen = false;
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String field : Csv.fields(value)) {
      int eq = field.indexOf('=');
      String key = eq < 0 ? field : field.substring(0, eq);
      if (!seen.add(key)) {
        throw new IllegalArgumentException("gpu request key '" + key + "' can be specified only once");
      }
      if (eq < 0) {
        countSeen = true;
        count = gpuCount(key);
        continue;
      }
      String val = field.substring(eq + 1);
      switch (key) {
        case "driver" -> driver = val;
        case "count" -> {
          countSeen = true;
          count = gpuCount(val);
        }
        case "device" -> deviceIds = Arrays.asList(val.split(","));
        case "capabilities" -> {
          List<String> caps = new ArrayList<>(Arrays.asList(val.split(",")));
          caps.add("gpu");
          capabilities = List.of(caps);
        }
        case "options" -> {
          options = new TreeMap<>();
          for (String option : Csv.fields(val)) {
            int oeq = option.indexOf('=');
            options.put(oeq < 0 ? option : option.substring(0, oeq), oeq < 0 ? "" : option.substring(oeq + 1));
          }
        }
        default -> throw new IllegalArgumentException("unexpected key '" + key + "' in '" + field + "'");
      }
    }
    if (!countSeen && deviceIds == null) {
      count = 1;
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("Driver", driver);
    request.put("Count", count);
    request.put("DeviceIDs", deviceIds);
    request.put("Capabilities", capabilities == null ? List.of(List.of("gpu")) : capabilities);
    request.put("Options", options == null ? new TreeMap<>() : options);
    return request;
  }

  private static long gpuCount(String text) {
    if (text.equals("all")) {
      return -1;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("count must be an integer: strconv.Atoi: parsing \"" + text
          + "\": invalid syntax");
    }
  }

  /** Normalized ulimits ("name=soft:hard") as the API's list, sorted by name like Docker's UlimitOpt. */
  static List<Object> ulimits(List<String> values) {
    Map<String, Map<String, Object>> byName = new TreeMap<>();
    for (String value : values) {
      int eq = value.indexOf('=');
      int colon = value.indexOf(':', eq);
      Map<String, Object> ulimit = new LinkedHashMap<>();
      ulimit.put("Name", value.substring(0, eq));
      ulimit.put("Hard", Long.parseLong(value.substring(colon + 1)));
      ulimit.put("Soft", Long.parseLong(value.substring(eq + 1, colon)));
      byName.put(value.substring(0, eq), ulimit);
    }
    return new ArrayList<>(byName.values());
  }

  /** validateLinuxPath then parseLinuxDevice: src[:dst][:perms], permissions defaulting to rwm. */
  static Map<String, Object> device(String value) {
    String[] parts = value.split(":", -1);
    if (parts.length > 3 || parts[0].isEmpty()) {
      throw new IllegalArgumentException("bad format for path: " + value);
    }
    String src = parts[0];
    String dst = src;
    String permissions = "rwm";
    if (parts.length == 3) {
      if (!validPermissions(parts[2])) {
        throw new IllegalArgumentException("bad mode specified: " + parts[2]);
      }
      permissions = parts[2];
      dst = parts[1];
    } else if (parts.length == 2) {
      if (validPermissions(parts[1])) {
        permissions = parts[1];
      } else {
        dst = parts[1];
      }
    }
    if (!dst.startsWith("/")) {
      throw new IllegalArgumentException(dst + " is not an absolute path");
    }
    if (parts.length < 3) {
      dst = java.nio.file.Path.of(dst).normalize().toString();
    }
    Map<String, Object> device = new LinkedHashMap<>();
    device.put("PathOnHost", src);
    device.put("PathInContainer", dst);
    device.put("CgroupPermissions", permissions);
    return device;
  }

  private static boolean validPermissions(String mode) {
    if (mode.isEmpty()) {
      return false;
    }
    for (char c : mode.toCharArray()) {
      if ("rwm".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** "path:number" values (already normalized by FlagValues) as {Path, key: number}. */
  static List<Object> pathValues(List<String> values, String key) {
    List<Object> out = new ArrayList<>();
    for (String value : values) {
      int colon = value.lastIndexOf(':');
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("Path", value.substring(0, colon));
      entry.put(key, Long.parseLong(value.substring(colon + 1)));
      out.add(entry);
    }
    return out;
  }
}
