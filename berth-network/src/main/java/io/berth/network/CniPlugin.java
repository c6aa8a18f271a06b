package io.berth.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls the containernetworking plugins by the CNI protocol: the network configuration on stdin,
 * the call in {@code CNI_*} variables, the result (or an error object) as JSON on stdout.
 */
final class CniPlugin {
  static final String CNI_VERSION = "1.0.0";
  /** Debian's package installs the plugins in /usr/lib/cni; upstream tarballs use /opt/cni/bin. */
  private static final List<Path> PLUGIN_DIRS =
      List.of(Path.of("/usr/lib/cni"), Path.of("/opt/cni/bin"), Path.of("/usr/libexec/cni"));
  private static final List<String> REQUIRED = List.of("bridge", "host-local", "static");

  private final Path dir;

  private CniPlugin(Path dir) {
    this.dir = dir;
  }

  /** Finds the directory that holds every plugin berth uses. */
  static CniPlugin locate() {
    for (Path candidate : PLUGIN_DIRS) {
      if (REQUIRED.stream().allMatch(p -> Files.isExecutable(candidate.resolve(p)))) {
        return new CniPlugin(candidate);
      }
    }
    throw new NetworkException("CNI plugins (" + String.join(", ", REQUIRED) + ") not found in " + PLUGIN_DIRS
        + ": install containernetworking-plugins");
  }

  Path dir() {
    return dir;
  }

  /**
   * Runs plugin {@code type} for {@code command} (ADD, DEL, CHECK). {@code netns} may be null
   * where the plugin does not need one (IPAM, DEL). Returns the parsed result (an empty object
   * when the plugin printed nothing, as DEL does).
   */
  JsonNode invoke(String type, String command, String containerId, String netns, String ifName,
      Map<String, Object> netConf) {
    Map<String, Object> conf = new LinkedHashMap<>();
    conf.put("cniVersion", CNI_VERSION);
    conf.putAll(netConf);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CNI_COMMAND", command);
    env.put("CNI_CONTAINERID", containerId);
    env.put("CNI_NETNS", netns == null ? "" : netns);
    env.put("CNI_IFNAME", ifName);
    env.put("CNI_PATH", dir.toString());
    Command.Result r = Command.run(List.of(dir.resolve(type).toString()), env, Json.bytes(conf));
    JsonNode out = parse(r.stdout());
    if (!r.ok()) {
      String msg = out.path("msg").asText("");
      String details = out.path("details").asText("");
      String why = msg.isEmpty() ? r.stderr().strip() : msg + (details.isEmpty() ? "" : ": " + details);
      throw new NetworkException("CNI " + type + " " + command + " for " + containerId + " failed: " + why);
    }
    return out;
  }

  private static JsonNode parse(String stdout) {
    if (stdout.isBlank()) {
      return Json.MAPPER.createObjectNode();
    }
    try {
      return Json.MAPPER.readTree(stdout);
    } catch (IOException e) {
      return Json.MAPPER.createObjectNode().put("msg", stdout.strip());
    }
  }
}
