package io.berth.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code -p} and {@code --expose} as Docker reads them (go-connections nat.ParsePortSpecs, and
 * the long {@code target=,published=} syntax): exposed ports and port bindings, keyed
 * {@code "80/tcp"} and sorted as Go marshals maps.
 */
final class PortSpecs {
  private final Map<String, Object> exposed = new TreeMap<>();
  private final Map<String, List<Object>> bindings = new TreeMap<>();

  private PortSpecs() {}

  static PortSpecs parse(List<String> publish, List<String> expose) {
    PortSpecs specs = new PortSpecs();
    for (String value : publish) {
      for (String spec : standardNotation(value)) {
        specs.addPublished(spec);
      }
    }
    for (String value : expose) {
      String proto = "tcp";
      String port = value;
      int slash = value.indexOf('/');
      if (slash >= 0) {
        proto = value.substring(slash + 1);
        port = value.substring(0, slash);
      }
      long[] range;
      try {
        range = range(port);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid range format for --expose: " + e.getMessage());
      }
      for (long p = range[0]; p <= range[1]; p++) {
        specs.exposed.put(p + "/" + proto, new LinkedHashMap<>());
      }
    }
    return specs;
  }

  Map<String, Object> exposedPorts() {
    return exposed;
  }

  Map<String, List<Object>> portBindings() {
    return bindings;
  }

  /** convertToStandardNotation: the long syntax becomes [ip:]published:target/protocol. */
  private static List<String> standardNotation(String value) {
    if (!value.contains("=")) {
      return List.of(value);
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (String part : value.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("invalid publish opts format (should be name=value but got '" + part + "')");
      }
      params.put(part.substring(0, eq), part.substring(eq + 1));
    }
    String target = params.get("target");
    if (target == null) {
      throw new IllegalArgumentException("missing required field: target");
    }
    String published = params.getOrDefault("published", "");
    String protocol = params.getOrDefault("protocol", "tcp");
    return List.of(published + ":" + target + "/" + protocol);
  }

  private void addPublished(String raw) {
    String[] parts = raw.split(":", -1);
    int n = parts.length;
    String containerPort = parts[n - 1];
    String hostPort = n >= 2 ? parts[n - 2] : "";
    String ip = n == 3 ? parts[0] : n > 3 ? String.join(":", java.util.Arrays.copyOf(parts, n - 2)) : "";
    String proto = "tcp";
    int slash = containerPort.indexOf('/');
    if (slash >= 0) {
      proto = containerPort.substring(slash + 1);
      containerPort = containerPort.substring(0, slash);
    }
    if (ip.startsWith("[")) {
      if (!ip.endsWith("]")) {
        throw new IllegalArgumentException("invalid IP address " + ip + ": missing ']' in address " + ip + ":");
      }
      ip = ip.substring(1, ip.length() - 1);
    }
    if (!ip.isEmpty() && !FlagValues.isIp(ip)) {
      throw new IllegalArgumentException("invalid IP address: " + ip);
    }
    if (containerPort.isEmpty()) {
      throw new IllegalArgumentException("no port specified: " + raw + "<empty>");
    }
    long[] container;
    try {
      container = range(containerPort);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid containerPort: " + containerPort);
    }
    long[] host = {0, 0};
    if (!hostPort.isEmpty()) {
      try {
        host = range(hostPort);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid hostPort: " + hostPort);
      }
    }
    if (!hostPort.isEmpty() && container[1] - container[0] != host[1] - host[0] && container[1] != container[0]) {
      throw new IllegalArgumentException("invalid ranges specified for container and host Ports: " + containerPort
          + " and " + hostPort);
    }
    proto = proto.toLowerCase(Locale.ROOT);
    if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
      throw new IllegalArgumentException("invalid proto: " + proto);
    }
    long count = container[1] - container[0] + 1;
    for (long i = 0; i < count; i++) {
      String key = (container[0] + i) + "/" + proto;
      String hPort = "";
      if (!hostPort.isEmpty()) {
        hPort = Long.toString(host[0] + i);
        if (count == 1 && host[0] != host[1]) {
          hPort += "-" + host[1];
        }
      }
      exposed.put(key, new LinkedHashMap<>());
      Map<String, Object> binding = new LinkedHashMap<>();
      binding.put("HostIp", ip);
      binding.put("HostPort", hPort);
      bindings.computeIfAbsent(key, k -> new ArrayList<>()).add(binding);
    }
  }

  /** nat.ParsePortRange: "80" or "8000-8010". */
  static long[] range(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty string specified for ports");
    }
    int dash = text.indexOf('-');
    long start = port(dash < 0 ? text : text.substring(0, dash));
    long end = dash < 0 ? start : port(text.substring(dash + 1));
    if (end < start) {
      throw new IllegalArgumentException("invalid range specified for port: " + text);
    }
    return new long[] {start, end};
  }

  private static long port(String text) {
    try {
      long p = Long.parseLong(text);
      if (p < 0 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid port: " + text);
    }
  }
}
