package io.berth.network;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the engine asks of a network when it connects a container.
 *
 * @param containerId the container
 * @param containerName its name without the slash (the endpoint's name in errors, its first DNS name)
 * @param netns its network namespace, made by the OCI runtime
 * @param ifName the interface inside ({@code eth0} for the first network, then {@code eth1}, ...)
 * @param macAddress the user's MAC address, or empty for Docker's derivation from the address
 * @param ipv4Address the user's address ({@code --ip}), or empty for the next free one
 * @param dnsNames the names the container answers to on this network (name, aliases, short ID)
 * @param links {@code --link} aliases on this network: alias to linked container's name
 * @param ports the ports to publish on this endpoint (the container's gateway network's only)
 * @param defaultRoute whether this network gives the container its default route
 * @param ipv6Address the user's IPv6 address ({@code --ip6}), or empty for the next free one (on a network with
 *     IPv6)
 */
public record EndpointRequest(String containerId, String containerName, Path netns, String ifName,
    String macAddress, String ipv4Address, List<String> dnsNames, Map<String, String> links,
    List<PortRequest> ports, boolean defaultRoute, String ipv6Address) {

  public EndpointRequest {
    ipv6Address = ipv6Address == null ? "" : ipv6Address;
    containerName = containerName == null ? "" : containerName;
    macAddress = macAddress == null ? "" : macAddress;
    ipv4Address = ipv4Address == null ? "" : ipv4Address;
    dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
    links = links == null ? Map.of() : Map.copyOf(links);
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  /** A plain attachment: eth0, default route, nothing else asked (the bridge's tests). */
  public static EndpointRequest simple(String containerId, Path netns, String macAddress) {
    return new EndpointRequest(containerId, "", netns, "eth0", macAddress, "", List.of(), Map.of(), List.of(), true, "");
  }
}
