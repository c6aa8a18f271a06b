package io.berth.daemon.api;

import io.berth.common.GoTime;
import io.berth.common.Json;
import io.berth.common.Units;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerState;
import io.berth.engine.container.config.ConfigCodec;
import io.berth.engine.container.config.EndpointSettings;
import io.berth.engine.container.config.PortBinding;
import java.util.ArrayList;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Containers in the Engine API's JSON shapes (ContainerSummary, ContainerInspectResponse). */
final class ContainerJson {
  private ContainerJson() {}

  /** Docker's State.String(): "Up 2 minutes", "Exited (0) 5 seconds ago", "Created", ... */
  static String status(ContainerState s, Instant now) {
    return switch (s.status()) {
      case "running" -> "Up " + Units.humanDuration(Duration.between(s.startedAt(), now)) + health(s);
      case "paused" -> "Up " + Units.humanDuration(Duration.between(s.startedAt(), now)) + " (Paused)";
      case "restarting" -> "Restarting (" + s.exitCode() + ") "
          + Units.humanDuration(Duration.between(s.finishedAt(), now)) + " ago";
      case "removing" -> "Removal In Progress";
      case "dead" -> "Dead";
      case "exited" -> s.finishedAt().equals(ContainerState.ZERO) ? "Created"
          : "Exited (" + s.exitCode() + ") " + Units.humanDuration(Duration.between(s.finishedAt(), now)) + " ago";
      default -> "Created";
    };
  }

  /** " (healthy)", " (unhealthy)", " (health: starting)" for a container with a health check. */
  private static String health(ContainerState s) {
    if (s.health() == null) {
      return "";
    }
    return switch (s.health().status()) {
      case "starting" -> " (health: starting)";
      case "healthy" -> " (healthy)";
      default -> " (unhealthy)";
    };
  }

  static String command(Container c) {
    StringBuilder sb = new StringBuilder(c.path());
    for (String arg : c.args()) {
      sb.append(' ').append(arg);
    }
    return sb.toString();
  }

  static Map<String, Object> summary(Container c, Map<String, EndpointSettings> networks, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Id", c.id());
    m.put("Names", List.of("/" + c.name()));
    m.put("Image", c.imageName());
    m.put("ImageID", c.image().toString());
    m.put("Command", command(c));
    m.put("Created", c.created().getEpochSecond());
    m.put("Ports", ports(c));
    m.put("Labels", c.labels());
    m.put("State", c.state().status());
    m.put("Status", status(c.state(), now));
    m.put("HostConfig", Json.map("NetworkMode", c.hostConfig().networkMode().value()));
    m.put("NetworkSettings", Json.map("Networks", networks(networks)));
    m.put("Mounts", VolumeJson.mounts(c.mountPoints()));
    return m;
  }

  static Map<String, Object> inspect(Container c, Map<String, EndpointSettings> networks, Path dir, Path logPath,
      String driver, Map<String, String> driverData) {
    ContainerState s = c.state();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Id", c.id());
    m.put("Created", GoTime.rfc3339Nano(c.created()));
    m.put("Path", c.path());
    m.put("Args", c.args());
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("Status", s.status());
    state.put("Running", s.running());
    state.put("Paused", s.paused());
    state.put("Restarting", s.status().equals("restarting"));
    state.put("OOMKilled", s.oomKilled());
    state.put("Dead", s.status().equals("dead"));
    state.put("Pid", s.pid());
    state.put("ExitCode", s.exitCode());
    state.put("Error", s.error());
    state.put("StartedAt", GoTime.rfc3339Nano(s.startedAt()));
    state.put("FinishedAt", GoTime.rfc3339Nano(s.finishedAt()));
    if (s.health() != null) {
      state.put("Health", io.berth.engine.container.HealthJson.toJson(s.health()));
    }
    m.put("State", state);
    m.put("Image", c.image().toString());
    m.put("ResolvConfPath", dir.resolve("resolv.conf").toString());
    m.put("HostnamePath", dir.resolve("hostname").toString());
    m.put("HostsPath", dir.resolve("hosts").toString());
    m.put("LogPath", logPath.toString());
    m.put("Name", "/" + c.name());
    m.put("RestartCount", c.restartCount());
    m.put("Driver", driver);
    m.put("Platform", "linux");
    m.put("MountLabel", "");
    m.put("ProcessLabel", "");
    m.put("AppArmorProfile", "");
    m.put("ExecIDs", null); // ContainerRoutes fills in the running sessions
    m.put("HostConfig", ConfigCodec.toMap(c.hostConfig()));
    m.put("GraphDriver", Json.map("Data", driverData, "Name", driver));
    m.put("Mounts", VolumeJson.mounts(c.mountPoints()));
    m.put("Config", ConfigCodec.toMap(c.config()));
    EndpointSettings e = c.network().networks().getOrDefault("bridge", ContainerJsonDefaults.EMPTY);
    boolean running = s.pid() > 0 && !c.network().networks().isEmpty();
    Map<String, Object> net = new LinkedHashMap<>();
    net.put("Bridge", "");
    net.put("SandboxID", running ? c.id() : "");
    net.put("SandboxKey", running ? "/proc/" + s.pid() + "/ns/net" : "");
    net.put("Ports", c.network().ports());
    net.put("HairpinMode", false);
    net.put("LinkLocalIPv6Address", "");
    net.put("LinkLocalIPv6PrefixLen", 0);
    net.put("SecondaryIPAddresses", null);
    net.put("SecondaryIPv6Addresses", null);
    net.put("EndpointID", e.endpointId());
    net.put("Gateway", e.gateway());
    net.put("GlobalIPv6Address", "");
    net.put("GlobalIPv6PrefixLen", 0);
    net.put("IPAddress", e.ipAddress());
    net.put("IPPrefixLen", e.ipPrefixLen());
    net.put("IPv6Gateway", "");
    net.put("MacAddress", e.macAddress());
    net.put("Networks", networks(networks));
    m.put("NetworkSettings", net);
    return m;
  }

  /** NetworkSettings.Networks in the API's shape. */
  private static Map<String, Object> networks(Map<String, EndpointSettings> networks) {
    Map<String, Object> out = new LinkedHashMap<>();
    networks.forEach((name, e) -> out.put(name, ConfigCodec.toMap(e)));
    return out;
  }

  /** ps's Ports: each published host side, and each exposed port that has none, as dockerd lists them. */
  private static List<Map<String, Object>> ports(Container c) {
    List<Map<String, Object>> out = new ArrayList<>();
    c.network().ports().forEach((key, bindings) -> {
      int slash = key.indexOf('/');
      int port = Integer.parseInt(key.substring(0, slash));
      String proto = key.substring(slash + 1);
      if (bindings == null || bindings.isEmpty()) {
        out.add(Json.map("PrivatePort", port, "Type", proto));
        return;
      }
      for (PortBinding b : bindings) {
        out.add(Json.map("IP", b.hostIp(), "PrivatePort", port, "PublicPort", Integer.parseInt(b.hostPort()),
            "Type", proto));
      }
    });
    return out;
  }

  /** The endpoint of a container that has none. */
  private static final class ContainerJsonDefaults {
    static final EndpointSettings EMPTY = new EndpointSettings(null, null, "", null, null, 0, "", "", "", "", 0, "",
        "", 0, null);
  }
}
