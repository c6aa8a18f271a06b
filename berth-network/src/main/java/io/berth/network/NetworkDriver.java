package io.berth.network;

import java.nio.file.Path;
import java.util.Set;

/**
 * The network side of a container as the engine sees it: wire a container's network namespace in before its
 * process runs, take it out when it exits, and repair after a crash. The default bridge
 * ({@link BridgeNetwork}) implements it; tests use a fake.
 */
public interface NetworkDriver {
  /**
   * Connects the container whose network namespace is {@code netns}: an interface with an address, a MAC
   * (the given one, else derived from the address as Docker does), a default route, loopback up. Nothing is
   * left behind when it fails.
   *
   * @param macAddress the user's MAC address ({@code --mac-address}), or empty
   */
  Endpoint connect(String containerId, Path netns, String macAddress);

  /** Takes the container's endpoint away and frees its address; idempotent, safe once the namespace is gone. */
  void disconnect(String containerId);

  /** {@code --network none}: only the namespace's loopback, brought up. */
  void loopbackOnly(Path netns);

  /** After a restart: releases what containers outside {@code live} still hold (addresses, veths). */
  void sweep(Set<String> live);

  /** The resolv.conf containers on this network start from (the host's, filtered as Docker filters it). */
  String resolvConf();

  /** The network's gateway address, what {@code host-gateway} means in {@code --add-host}. */
  String gateway();
}
