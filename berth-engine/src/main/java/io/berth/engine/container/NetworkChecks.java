package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.engine.container.config.CreateRequest;
import io.berth.engine.container.config.EndpointSettings;
import io.berth.engine.container.config.HostConfig;
import io.berth.engine.container.config.NetworkMode;
import io.berth.engine.container.config.NetworkingConfig;
import io.berth.network.Cidr6;
import io.berth.network.NetworkDriver;
import io.berth.network.NetworkRecord;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network checks of create, in dockerd's words (runconfig's errors, verifyNetworkingConfig): what the
 * network mode allows, the networks named must exist, addresses and aliases only on user networks with
 * their own subnet; and the endpoint settings keyed by the networks' names, as dockerd keeps them.
 */
final class NetworkChecks {
  private NetworkChecks() {}

  /** Checks the request and returns its NetworkingConfig keyed by network names. */
  static NetworkingConfig check(CreateRequest request, NetworkDriver networks, ContainerStore store) {
    HostConfig hc = request.hostConfig();
    NetworkMode mode = hc.networkMode();
    switch (mode) {
      case NetworkMode.Container c -> {
        if (c.container().isEmpty()) {
          throw new BerthException.InvalidParameter("Invalid network mode: invalid container format "
              + "container:<name|id>");
        }
        store.find(c.container());
        conflict(!request.config().hostname().isEmpty(), "conflicting options: hostname and the network mode");
        conflict(notEmpty(hc.links()), "conflicting options: container type network can't be used with links. "
            + "This would result in undefined behavior");
        conflict(notEmpty(hc.dns()), "conflicting options: dns and the network mode");
        conflict(notEmpty(hc.extraHosts()), "conflicting options: custom host-to-IP mapping and the network mode");
        conflict((hc.portBindings() != null && !hc.portBindings().isEmpty()) || hc.publishAllPorts(),
            "conflicting options: port publishing and the container type network mode");
        conflict(request.config().exposedPorts() != null && !request.config().exposedPorts().isEmpty(),
            "conflicting options: port exposing and the container type network mode");
        conflict(!request.config().macAddress().isEmpty(), "conflicting options: mac-address and the network mode");
      }
      case NetworkMode.Host h -> conflict(notEmpty(hc.links()),
          "conflicting options: host type networking can't be used with links. This would result in undefined "
              + "behavior");
      default -> { }
    }
    Map<String, EndpointSettings> byName = new LinkedHashMap<>();
    for (Map.Entry<String, EndpointSettings> e : request.networkingConfig().endpointsConfig().entrySet()) {
      String key = e.getKey();
      boolean defaultBridge = key.equals("default") || key.equals("bridge");
      boolean ownMode = key.equals(mode.value()) || (mode.isBridge() && defaultBridge);
      if (!(mode instanceof NetworkMode.Bridge || mode instanceof NetworkMode.Named) && !ownMode) {
        throw new BerthException.InvalidParameter(mode instanceof NetworkMode.None
            ? "container cannot be connected to multiple networks with one of the networks in private (none) mode"
            : "container sharing network namespace with another container or host cannot be connected to any "
                + "other network");
      }
      if (!(mode instanceof NetworkMode.Bridge || mode instanceof NetworkMode.Named)) {
        byName.put(key, e.getValue());
        continue;
      }
      NetworkRecord r = networks == null ? null : networks.find(defaultBridge ? "bridge" : key);
      EndpointSettings s = e.getValue();
      if (r != null && s != null) {
        endpoint(r, s);
      }
      byName.put(r == null ? key : r.name(), s);
    }
    if (mode instanceof NetworkMode.Named n && networks != null) {
      NetworkRecord r = networks.find(n.network());
      if (!r.driver().equals("bridge")) {
        throw new BerthException.InvalidParameter("berth does not support --network " + n.network() + " yet");
      }
      byName.putIfAbsent(r.name(), null);
      moveFirst(byName, r.name());
    } else if (mode.isBridge() && !request.config().networkDisabled()) {
      byName.putIfAbsent("bridge", null); // dockerd records the default network's endpoint too
      moveFirst(byName, "bridge");
    }
    return new NetworkingConfig(byName);
  }

  private static void moveFirst(Map<String, EndpointSettings> m, String key) {
    EndpointSettings first = m.remove(key);
    Map<String, EndpointSettings> rest = new LinkedHashMap<>(m);
    m.clear();
    m.put(key, first);
    m.putAll(rest);
  }

  /** dockerd's validateNetworkingConfig. */
  static void endpoint(NetworkRecord r, EndpointSettings s) {
    String ip = s.ipamConfig() == null || s.ipamConfig().ipv4Address() == null ? "" : s.ipamConfig().ipv4Address();
    String ip6 = s.ipamConfig() == null || s.ipamConfig().ipv6Address() == null ? "" : s.ipamConfig().ipv6Address();
    if (r.predefined()) {
      conflict(!ip.isEmpty() || !ip6.isEmpty(), "user specified IP address is supported on user defined networks only");
      conflict(notEmpty(s.aliases()), "network-scoped alias is supported only for containers in user defined "
          + "networks");
      return;
    }
    if (!ip.isEmpty()) {
      if (!ip.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
        throw new BerthException.InvalidParameter("Invalid IPv4 address: " + ip + ")");
      }
      conflict(!r.userSubnet(), "user specified IP address is supported only when connecting to networks with "
          + "user configured subnets");
    }
    if (!ip6.isEmpty()) {
      BigInteger address;
      try {
        address = Cidr6.parseAddress(ip6);
      } catch (IllegalArgumentException e) {
        throw new BerthException.InvalidParameter("invalid IPv6 address: " + ip6);
      }
      // an IPv6 pool is always the user's; without IPv6 enabled it gives no addresses (dockerd 20.10 ignored --ip6)
      conflict(!r.hasIpv6() || !r.ipv6().subnetCidr().contains(address), "Invalid address " + ip6
          + ": It does not belong to any of this network's subnets");
    }
  }

  private static void conflict(boolean condition, String message) {
    if (condition) {
      throw new BerthException.InvalidParameter(message);
    }
  }

  private static boolean notEmpty(List<?> l) {
    return l != null && !l.isEmpty();
  }
}
