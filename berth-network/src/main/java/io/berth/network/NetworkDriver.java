package io.berth.network;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The networks as the engine sees them: the daemon's networks (the default {@code bridge}, {@code host},
 * {@code none} and user-defined bridges), and the network side of each container: wire its namespace into
 * networks before its process runs, take it out when it exits, serve its DNS, and repair after a crash.
 * {@link Networks} implements it; tests use a fake.
 */
public interface NetworkDriver {
  /** Creates a user-defined network (a bridge), its subnet given or picked from the address pools. */
  NetworkRecord create(NetworkCreate request);

  /**
   * The network by name, ID or unique ID prefix.
   *
   * @throws io.berth.common.BerthException.NotFound "network X not found"
   */
  NetworkRecord find(String idOrName);

  /** Every network, the predefined ones first. */
  List<NetworkRecord> list();

  /** Removes a user-defined network that no running container is connected to. */
  void remove(String idOrName);

  /** The live endpoints of a network. */
  List<Endpoint> endpoints(String network);

  /**
   * Connects a container's namespace to a network (a bridge network: not host or none): an interface with an
   * address, a MAC, routes, loopback up, the published ports. Nothing is left behind when it fails.
   */
  Endpoint connect(String network, EndpointRequest request);

  /** A renamed container's name and DNS names on {@code network} (its endpoint stays as it is otherwise). */
  void rename(String network, String containerId, String containerName, List<String> dnsNames);

  /** Takes the container's endpoint on {@code network} away; idempotent, safe once the namespace is gone. */
  void disconnect(String network, String containerId);

  /**
   * {@link #disconnect} for a container that has exited: what the next start needs (its address, its ports) is
   * free on return, while the rest (its veth, which goes with its namespace) may be undone off the caller's path.
   */
  default void disconnectExited(String network, String containerId) {
    disconnect(network, containerId);
  }

  /** {@code --network none}: only the namespace's loopback, brought up. */
  void loopbackOnly(Path netns);

  /** After a restart: releases what containers outside {@code live} still hold, rewrites the firewall. */
  void sweep(Set<String> live);

  /**
   * Serves the embedded DNS server at 127.0.0.11 inside the container's namespace (it is on a user network):
   * names of containers on its networks, the rest forwarded to {@code upstream} (none on internal networks).
   */
  void serveDns(String containerId, Path netns, List<String> upstream);

  /** Stops serving the container's DNS; idempotent. */
  void stopDns(String containerId);

  /** The resolv.conf containers start from (the host's, filtered as Docker filters it). */
  String resolvConf();

  /** The default bridge's gateway, what {@code host-gateway} means in {@code --add-host}. */
  Optional<String> defaultGateway();
}
