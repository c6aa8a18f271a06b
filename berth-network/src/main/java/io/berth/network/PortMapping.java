package io.berth.network;

/**
 * A published port as set up: traffic to {@code hostIp:hostPort} ({@code 0.0.0.0} or {@code ::} for every
 * address of the host) reaches {@code containerIp:containerPort}. It is part of the endpoint's record, so that
 * a restarted daemon sets up the same forwarding again.
 */
public record PortMapping(String proto, String hostIp, int hostPort, String containerIp, int containerPort) {
  /** Whether the host side is an IPv6 address (served by berthd's forwarder, not by NAT). */
  public boolean ipv6() {
    return hostIp.contains(":");
  }

  /** Whether the host side is every address of its family. */
  public boolean anyAddress() {
    return hostIp.equals("0.0.0.0") || hostIp.equals("::");
  }

  /** {@code 80/tcp}. */
  public String portKey() {
    return containerPort + "/" + proto;
  }
}
