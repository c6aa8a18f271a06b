package io.berth.engine.volume;

import io.berth.common.BerthException;
import io.berth.common.Units;
import io.berth.sys.Linux;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local driver's options ({@code volume create --opt type=tmpfs --opt device=tmpfs --opt o=size=64m}): checked
 * at create as dockerd's local driver checks them, and mounted onto the volume's {@code _data} while it is used.
 */
final class LocalOptions {
  private static final Set<String> VALID = Set.of("type", "o", "device", "size");
  /** Each option and the ones it needs, in a fixed order (dockerd walks a Go map). */
  private static final List<Map.Entry<String, List<String>>> MANDATORY = List.of(
      Map.entry("device", List.of("type")), Map.entry("type", List.of("device")),
      Map.entry("o", List.of("device", "type")));

  private LocalOptions() {}

  static void validate(Map<String, String> opts) {
    if (opts == null || opts.isEmpty()) {
      return;
    }
    for (String key : new java.util.TreeSet<>(opts.keySet())) {
      if (!VALID.contains(key)) {
        throw new BerthException.InvalidParameter("invalid option: \"" + key + "\"");
      }
    }
    if ("cifs".equals(opts.get("type")) && opts.containsKey("device") && hasPort(opts.get("device"))) {
      throw new BerthException.InvalidParameter("port not allowed in CIFS device URL, include 'port' in 'o='");
    }
    String size = opts.get("size");
    if (size != null && Units.ramInBytes(size) > 0) {
      throw new BerthException.InvalidParameter("quota size requested but no quota support");
    }
    for (Map.Entry<String, List<String>> m : MANDATORY) {
      if (opts.containsKey(m.getKey())) {
        for (String needed : m.getValue()) {
          if (!opts.containsKey(needed)) {
            throw new BerthException.InvalidParameter("missing required option: \"" + needed + "\"");
          }
        }
      }
    }
  }

  private static boolean hasPort(String device) {
    try {
      return new java.net.URI(device).getPort() != -1;
    } catch (java.net.URISyntaxException e) {
      throw new BerthException.InvalidParameter("error parsing mount device url: " + e.getMessage());
    }
  }

  static boolean needsMount(Map<String, String> opts) {
    return !opts.getOrDefault("device", "").isEmpty() || !opts.getOrDefault("type", "").isEmpty();
  }

  /** mount(2) of {@code device} on {@code target} with the volume's type and options, as moby/sys/mount does. */
  static void mount(Map<String, String> opts, Path target) throws IOException {
    String device = opts.getOrDefault("device", "");
    if (device.isEmpty()) {
      throw new IOException("missing device in volume options");
    }
    String type = opts.getOrDefault("type", "");
    String o = resolveAddress(type, opts.getOrDefault("o", ""));
    MountOptions parsed = MountOptions.parse(o);
    try {
      parsed.mount(device, target, type);
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage());
      String password = option(opts.getOrDefault("o", ""), "password=");
      if (!password.isEmpty()) {
        message = message.replace("password=" + password, "password=********");
      }
      throw new IOException("failed to mount local volume: " + message, e);
    }
  }

  static void unmount(Path target) throws IOException {
    try {
      Linux.umount2(target, Linux.MNT_DETACH);
    } catch (io.berth.sys.ErrnoException e) {
      if (io.berth.engine.storage.Mounts.isMountPoint(target)) {
        throw e;
      }
    }
  }

  /** nfs and cifs want the server's address as an IP: {@code addr=host} is resolved as dockerd does. */
  private static String resolveAddress(String type, String o) throws IOException {
    String addr = option(o, "addr=");
    if (!(type.equals("nfs") || type.equals("cifs")) || addr.isEmpty() || addr.matches("[0-9.]+")) {
      return o;
    }
    try {
      return o.replaceFirst(java.util.regex.Pattern.quote("addr=" + addr),
          "addr=" + InetAddress.getByName(addr).getHostAddress());
    } catch (UnknownHostException e) {
      throw new IOException("error resolving passed in network volume address: lookup " + addr + ": no such host");
    }
  }

  private static String option(String o, String prefix) {
    for (String part : o.split(",")) {
      if (part.startsWith(prefix)) {
        return part.substring(prefix.length());
      }
    }
    return "";
  }
}
