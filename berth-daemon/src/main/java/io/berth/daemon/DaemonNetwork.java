package io.berth.daemon;

import io.berth.engine.Engine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dockerd's network settings as berth honours them: {@code iptables}, {@code userland-proxy} (berthd's own
 * forwarder, no process), {@code ip}, {@code mtu}, {@code dns}, {@code dns-opts}, {@code dns-search} and
 * {@code default-address-pools}, from flags
 * ({@code --default-address-pool base=10.10.0.0/16,size=24}) or daemon.json ({@code [{"base":..., "size":...}]}).
 */
final class DaemonNetwork {
  private static final String IPV4 = "(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}";

  private DaemonNetwork() {}

  static Engine.NetworkOptions options(MergedSettings m) throws ConfigException {
    String ip = m.string("ip");
    if (ip == null || ip.isEmpty()) {
      ip = "0.0.0.0";
    }
    if (!ip.matches(IPV4)) {
      throw new ConfigException("invalid IP address: " + ip, ConfigException.Kind.PLAIN);
    }
    long mtu = m.isSet("mtu") ? ((Number) SettingSupport.normalize(m.given("mtu"))).longValue() : 1500;
    if (mtu < 68 || mtu > 65535) {
      throw new ConfigException("invalid MTU " + mtu, ConfigException.Kind.PLAIN);
    }
    return new Engine.NetworkOptions(!m.isSet("iptables") || m.bool("iptables"),
        !m.isSet("ip6tables") || m.bool("ip6tables"),
        !m.isSet("userland-proxy") || m.bool("userland-proxy"), ip, (int) mtu, pools(m.given("default-address-pools")),
        dns(m.list("dns")), m.list("dns-opts"), m.list("dns-search"));
  }

  /** dockerd validates the servers as addresses. */
  private static List<String> dns(List<String> servers) throws ConfigException {
    for (String s : servers) {
      if (!s.matches(IPV4) && !s.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
        throw new ConfigException(s + " is not an ip address", ConfigException.Kind.PLAIN);
      }
    }
    return servers;
  }

  private static List<Engine.AddressPool> pools(Object given) throws ConfigException {
    List<Engine.AddressPool> pools = new ArrayList<>();
    if (!(given instanceof List<?> list)) {
      return pools;
    }
    for (Object entry : list) {
      Map<String, String> fields = new LinkedHashMap<>();
      if (entry instanceof Map<?, ?> map) {
        map.forEach((k, v) -> fields.put(String.valueOf(k), String.valueOf(SettingSupport.normalize(v))));
      } else {
        for (String part : String.valueOf(entry).split(",")) {
          int eq = part.indexOf('=');
          if (eq < 0) {
            throw new ConfigException("invalid field in default-address-pool: " + part, ConfigException.Kind.PLAIN);
          }
          fields.put(part.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT), part.substring(eq + 1).strip());
        }
      }
      String base = fields.getOrDefault("base", "");
      String size = fields.getOrDefault("size", "");
      if (!base.matches(IPV4 + "/([0-9]|[12][0-9]|3[0-2])") || !size.matches("[0-9]{1,2}")
          || Integer.parseInt(size) < Integer.parseInt(base.substring(base.indexOf('/') + 1))
          || Integer.parseInt(size) > 30) {
        throw new ConfigException("invalid default-address-pools entry: base " + base + ", size " + size,
            ConfigException.Kind.PLAIN);
      }
      pools.add(new Engine.AddressPool(base, Integer.parseInt(size)));
    }
    return pools;
  }
}
