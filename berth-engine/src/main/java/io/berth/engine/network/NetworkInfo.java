package io.berth.engine.network;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A network as {@code network inspect} and {@code network ls} show it (the API's Network), with the containers
 * attached to it.
 */
public record NetworkInfo(String name, String id, Instant created, String scope, String driver, boolean enableIpv6,
    String ipamDriver, Map<String, String> ipamOptions, List<Pool> pools, boolean internal, boolean attachable,
    Map<String, Attached> containers, Map<String, String> options, Map<String, String> labels) {

  /** IPAM.Config entries. */
  public record Pool(String subnet, String ipRange, String gateway) {}

  /** Containers.ID: the container's endpoint on the network. */
  public record Attached(String name, String endpointId, String macAddress, String ipv4Address, String ipv6Address) {}
}
