package io.berth.network;

import java.util.List;
import java.util.Map;

/**
 * A container's attachment to a network: what {@code docker inspect} shows under
 * NetworkSettings.Networks.&lt;name&gt;, plus the host-side facts needed to undo it. It is also the
 * record kept on disk, so a restarted daemon can keep or release it, forward its ports again and answer
 * DNS queries for it.
 *
 * @param containerId the container it belongs to
 * @param endpointId a random 64-hex ID (EndpointID)
 * @param networkId the network's ID (NetworkID)
 * @param networkName the network's name
 * @param ipAddress the container's address (IPAddress)
 * @param prefixLen the subnet's prefix length (IPPrefixLen)
 * @param gateway the bridge's address, the container's default route (Gateway); empty on an internal network
 * @param macAddress the interface's MAC address
 * @param hostVeth the host end of the veth pair, a port of the bridge
 * @param containerInterface the interface name inside the container ({@code eth0}, {@code eth1}, ...)
 * @param containerName the container's name, without the slash (its first DNS name)
 * @param dnsNames the names other containers on the network resolve to this one (name, aliases, short ID)
 * @param links {@code --link} aliases of this container on this network: alias to the linked container's name
 * @param ports the published ports forwarded to this endpoint
 * @param ipv6Address the container's IPv6 address (GlobalIPv6Address), empty unless the network has IPv6
 * @param ipv6PrefixLen the IPv6 subnet's prefix length (GlobalIPv6PrefixLen), 0 without one
 * @param ipv6Gateway the bridge's IPv6 address (IPv6Gateway), empty without one or on an internal network
 */
public record Endpoint(String containerId, String endpointId, String networkId, String networkName,
    String ipAddress, int prefixLen, String gateway, String macAddress, String hostVeth,
    String containerInterface, String containerName, List<String> dnsNames, Map<String, String> links,
    List<PortMapping> ports, String ipv6Address, int ipv6PrefixLen, String ipv6Gateway) {

  public Endpoint {
    ipv6Address = ipv6Address == null ? "" : ipv6Address;
    ipv6Gateway = ipv6Gateway == null ? "" : ipv6Gateway;
    containerName = containerName == null ? "" : containerName;
    dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
    links = links == null ? Map.of() : Map.copyOf(links);
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  /** 02:42:a:b:c:d for address a.b.c.d, as Docker 20.10 derives a container's MAC. */
  public static String dockerMac(int address) {
    return String.format("02:42:%02x:%02x:%02x:%02x",
        address >>> 24, address >>> 16 & 0xff, address >>> 8 & 0xff, address & 0xff);
  }

  Endpoint withPorts(List<PortMapping> newPorts) {
    return new Endpoint(containerId, endpointId, networkId, networkName, ipAddress, prefixLen, gateway, macAddress,
        hostVeth, containerInterface, containerName, dnsNames, links, newPorts, ipv6Address, ipv6PrefixLen,
        ipv6Gateway);
  }

  /** This endpoint under the container's new name and DNS names ({@code docker rename}). */
  public Endpoint renamed(String newContainerName, List<String> newDnsNames) {
    return new Endpoint(containerId, endpointId, networkId, networkName, ipAddress, prefixLen, gateway, macAddress,
        hostVeth, containerInterface, newContainerName, newDnsNames, links, ports, ipv6Address, ipv6PrefixLen,
        ipv6Gateway);
  }
}
