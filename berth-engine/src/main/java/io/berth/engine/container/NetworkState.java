package io.berth.engine.container;

import io.berth.engine.container.config.EndpointSettings;
import io.berth.engine.container.config.PortBinding;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a running container sits on the networks, as NetworkSettings reports it: its endpoint on each network it
 * joined (by network name: addresses, MAC, endpoint and network IDs, aliases) and its ports (each exposed port
 * with the host addresses and ports it is published on, or null). Empty while the container does not run.
 */
public record NetworkState(Map<String, EndpointSettings> networks, Map<String, List<PortBinding>> ports) {
  public NetworkState {
    networks = networks == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(networks));
    ports = ports == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(ports));
  }

  public static NetworkState none() {
    return new NetworkState(Map.of(), Map.of());
  }

  public NetworkState with(String network, EndpointSettings endpoint) {
    Map<String, EndpointSettings> m = new LinkedHashMap<>(networks);
    m.put(network, endpoint);
    return new NetworkState(m, ports);
  }

  public NetworkState without(String network) {
    Map<String, EndpointSettings> m = new LinkedHashMap<>(networks);
    m.remove(network);
    return new NetworkState(m, ports);
  }

  /** The address on {@code network}, or empty. */
  public String ipAddress(String network) {
    EndpointSettings e = networks.get(network);
    return e == null ? "" : e.ipAddress();
  }

  /** The container's addresses on {@code network}: IPv4, then IPv6 if it has one. */
  public List<String> addresses(String network) {
    EndpointSettings e = networks.get(network);
    if (e == null) {
      return List.of();
    }
    return e.globalIpv6Address().isEmpty() ? List.of(e.ipAddress()) : List.of(e.ipAddress(), e.globalIpv6Address());
  }
}
