package io.berth.network;

import java.util.Map;

/**
 * A {@code network create} request as the network layer takes it (the API's NetworkCreateRequest with its IPAM
 * config already reduced to at most one IPv4 and one IPv6 pool).
 *
 * @param subnet {@code --subnet}, or empty to pick one from the address pools
 * @param gateway {@code --gateway}, or empty for the subnet's first address
 * @param ipRange {@code --ip-range}, or empty
 * @param options the driver's options ({@code -o}), e.g. {@code com.docker.network.bridge.name}
 * @param ipv6 the IPv6 pool asked for (its gateway may be empty), or null
 */
public record NetworkCreate(String name, String driver, String subnet, String gateway, String ipRange,
    boolean internal, boolean attachable, boolean enableIpv6, Map<String, String> labels,
    Map<String, String> options, Map<String, String> ipamOptions, NetworkRecord.Ipv6Pool ipv6) {

  public NetworkCreate {
    driver = driver == null || driver.isEmpty() ? "bridge" : driver;
    subnet = subnet == null ? "" : subnet;
    gateway = gateway == null ? "" : gateway;
    ipRange = ipRange == null ? "" : ipRange;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    options = options == null ? Map.of() : Map.copyOf(options);
    ipamOptions = ipamOptions == null ? Map.of() : Map.copyOf(ipamOptions);
  }
}
