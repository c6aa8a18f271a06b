package io.berth.network;

/**
 * A container's attachment to a network: what {@code docker inspect} shows under
 * NetworkSettings.Networks.&lt;name&gt;, plus the host-side facts needed to undo it. It is also the
 * record kept on disk, so a restarted daemon can keep or release it.
 *
 * @param containerId the container it belongs to
 * @param endpointId a random 64-hex ID (EndpointID)
 * @param networkId the network's ID (NetworkID)
 * @param networkName the network's name ({@code bridge})
 * @param ipAddress the container's address (IPAddress)
 * @param prefixLen the subnet's prefix length (IPPrefixLen)
 * @param gateway the bridge's address, the container's default route (Gateway)
 * @param macAddress Docker's MAC derivation: 02:42 followed by the four address bytes
 * @param hostVeth the host end of the veth pair, a port of the bridge
 * @param containerInterface the interface name inside the container ({@code eth0})
 */
public record Endpoint(String containerId, String endpointId, String networkId, String networkName,
    String ipAddress, int prefixLen, String gateway, String macAddress, String hostVeth,
    String containerInterface) {

  /** 02:42:a:b:c:d for address a.b.c.d, as Docker 20.10 derives a container's MAC. */
  public static String dockerMac(int address) {
    return String.format("02:42:%02x:%02x:%02x:%02x",
        address >>> 24, address >>> 16 & 0xff, address >>> 8 & 0xff, address & 0xff);
  }
}
