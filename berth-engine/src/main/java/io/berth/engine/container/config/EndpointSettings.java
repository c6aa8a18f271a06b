package io.berth.engine.container.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A container's settings on one network (NetworkingConfig.EndpointsConfig values, and what inspect reports
 * under NetworkSettings.Networks): what the user asked for (IPAMConfig, Links, Aliases, MacAddress,
 * DriverOpts, GwPriority) and what the network assigned.
 */
public record EndpointSettings(
    @JsonProperty("IPAMConfig") IpamConfig ipamConfig,
    List<String> links,
    String macAddress,
    List<String> aliases,
    Map<String, String> driverOpts,
    @JsonProperty("GwPriority") int gwPriority,
    @JsonProperty("NetworkID") String networkId,
    @JsonProperty("EndpointID") String endpointId,
    String gateway,
    @JsonProperty("IPAddress") String ipAddress,
    @JsonProperty("IPPrefixLen") int ipPrefixLen,
    @JsonProperty("IPv6Gateway") String ipv6Gateway,
    @JsonProperty("GlobalIPv6Address") String globalIpv6Address,
    @JsonProperty("GlobalIPv6PrefixLen") int globalIpv6PrefixLen,
    @JsonProperty("DNSNames") List<String> dnsNames) {

  public EndpointSettings {
    macAddress = ContainerConfig.orEmpty(macAddress);
    networkId = ContainerConfig.orEmpty(networkId);
    endpointId = ContainerConfig.orEmpty(endpointId);
    gateway = ContainerConfig.orEmpty(gateway);
    ipAddress = ContainerConfig.orEmpty(ipAddress);
    ipv6Gateway = ContainerConfig.orEmpty(ipv6Gateway);
    globalIpv6Address = ContainerConfig.orEmpty(globalIpv6Address);
    links = ContainerConfig.copy(links);
    aliases = ContainerConfig.copy(aliases);
    dnsNames = ContainerConfig.copy(dnsNames);
  }

  /** {@code --ip}, {@code --ip6}, {@code --link-local-ip}. */
  public record IpamConfig(@JsonProperty("IPv4Address") String ipv4Address,
      @JsonProperty("IPv6Address") String ipv6Address,
      @JsonProperty("LinkLocalIPs") List<String> linkLocalIps) {}

  /** Whether the user asked for anything on this endpoint beyond joining the network. */
  public boolean requestsSettings() {
    return (ipamConfig != null && (notEmpty(ipamConfig.ipv4Address()) || notEmpty(ipamConfig.ipv6Address())
        || (ipamConfig.linkLocalIps() != null && !ipamConfig.linkLocalIps().isEmpty())))
        || (links != null && !links.isEmpty()) || (aliases != null && !aliases.isEmpty())
        || (driverOpts != null && !driverOpts.isEmpty()) || gwPriority != 0;
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }
}
