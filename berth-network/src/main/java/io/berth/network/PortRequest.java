package io.berth.network;

/**
 * One published port as the container asked for it (an entry of HostConfig.PortBindings, or an exposed port
 * under {@code -P}): the container's port and protocol, the host address ({@code ""} for the daemon's default)
 * and the host port range ({@code 0-0} for any free port).
 */
public record PortRequest(String proto, int containerPort, String hostIp, int hostPortStart, int hostPortEnd) {
  public PortRequest {
    hostIp = hostIp == null ? "" : hostIp;
    if (hostPortEnd == 0) {
      hostPortEnd = hostPortStart;
    }
  }

  /** {@code 80/tcp}, the key of the port in the API's maps. */
  public String portKey() {
    return containerPort + "/" + proto;
  }
}
