package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.engine.container.config.ContainerConfig;
import io.berth.engine.container.config.HostConfig;
import io.berth.engine.container.config.PortBinding;
import io.berth.network.PortMapping;
import io.berth.network.PortRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A container's published ports as dockerd reads them: HostConfig.PortBindings (checked at create as
 * verifyContainerSettings does), and with {@code -P} every exposed port without a binding on a free host port;
 * and NetworkSettings.Ports, every exposed port with the host sides it got (or null).
 */
final class PublishedPorts {
  private PublishedPorts() {}

  /** dockerd's checks: {@code invalid port specification: "..."}. */
  static void validate(HostConfig hc) {
    if (hc.portBindings() == null) {
      return;
    }
    hc.portBindings().forEach((key, bindings) -> {
      String port = key.contains("/") ? key.substring(0, key.indexOf('/')) : key;
      try {
        range(port);
      } catch (IllegalArgumentException e) {
        throw new BerthException.InvalidParameter("invalid port specification: \"" + port + "\"");
      }
      for (PortBinding b : bindings == null ? List.<PortBinding>of() : bindings) {
        String hostPort = b.hostPort().contains("/") ? b.hostPort().substring(0, b.hostPort().indexOf('/'))
            : b.hostPort();
        if (!hostPort.isEmpty()) {
          try {
            range(hostPort);
          } catch (IllegalArgumentException e) {
            throw new BerthException.InvalidParameter("invalid port specification: \"" + b.hostPort() + "\"");
          }
        }
      }
    });
  }

  /** Exposed ports in nat.Sort order: by number, tcp first. */
  static List<String> exposed(ContainerConfig cfg, HostConfig hc) {
    TreeSet<String> keys = new TreeSet<>(Comparator.comparingInt(PublishedPorts::number)
        .thenComparing(k -> !proto(k).equals("tcp")).thenComparing(k -> k));
    if (cfg.exposedPorts() != null) {
      cfg.exposedPorts().values().forEach(k -> keys.add(normalize(k)));
    }
    if (hc.portBindings() != null) {
      hc.portBindings().keySet().forEach(k -> keys.add(normalize(k)));
    }
    return List.copyOf(keys);
  }

  /** The host ports to ask the network for. */
  static List<PortRequest> requests(ContainerConfig cfg, HostConfig hc) {
    List<PortRequest> out = new ArrayList<>();
    for (String key : exposed(cfg, hc)) {
      List<PortBinding> bindings = bindingsOf(hc, key);
      if (bindings.isEmpty() && hc.publishAllPorts()) {
        bindings = List.of(new PortBinding("", ""));
      }
      for (PortBinding b : bindings) {
        int[] host = b.hostPort().isEmpty() ? new int[] {0, 0} : range(b.hostPort());
        out.add(new PortRequest(proto(key), number(key), b.hostIp(), host[0], host[1]));
      }
    }
    return out;
  }

  private static List<PortBinding> bindingsOf(HostConfig hc, String key) {
    if (hc.portBindings() == null) {
      return List.of();
    }
    for (Map.Entry<String, List<PortBinding>> e : hc.portBindings().entrySet()) {
      if (normalize(e.getKey()).equals(key) && e.getValue() != null) {
        return e.getValue();
      }
    }
    return List.of();
  }

  /** NetworkSettings.Ports: each exposed port with its host sides, or null when not published. */
  static Map<String, List<PortBinding>> settings(ContainerConfig cfg, HostConfig hc, List<PortMapping> mappings) {
    Map<String, List<PortBinding>> out = new LinkedHashMap<>();
    for (String key : exposed(cfg, hc)) {
      out.put(key, null);
    }
    for (PortMapping m : mappings) {
      List<PortBinding> list = out.get(m.portKey());
      if (list == null) {
        list = new ArrayList<>();
        out.put(m.portKey(), list);
      }
      list.add(new PortBinding(m.hostIp(), Integer.toString(m.hostPort())));
    }
    return out;
  }

  private static String normalize(String key) {
    return key.contains("/") ? key : key + "/tcp";
  }

  private static String proto(String key) {
    return key.substring(key.indexOf('/') + 1);
  }

  private static int number(String key) {
    try {
      return range(key.substring(0, key.indexOf('/')))[0];
    } catch (IllegalArgumentException e) {
      return 0;
    }
  }

  /** nat.ParsePortRange: "80" or "8000-8010". */
  static int[] range(String text) {
    int dash = text.indexOf('-');
    int start = port(dash < 0 ? text : text.substring(0, dash));
    int end = dash < 0 ? start : port(text.substring(dash + 1));
    if (end < start) {
      throw new IllegalArgumentException("invalid range " + text);
    }
    return new int[] {start, end};
  }

  private static int port(String text) {
    if (!text.matches("[0-9]{1,5}")) {
      throw new IllegalArgumentException("invalid port " + text);
    }
    int p = Integer.parseInt(text);
    if (p > 65535) {
      throw new IllegalArgumentException("invalid port " + text);
    }
    return p;
  }
}
