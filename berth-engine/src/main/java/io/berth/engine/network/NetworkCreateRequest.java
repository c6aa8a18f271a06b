package io.berth.engine.network;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** {@code POST /networks/create}'s body (the API's NetworkCreateRequest), decoded at the edge by ConfigCodec. */
public record NetworkCreateRequest(String name, Boolean checkDuplicate, String driver, String scope, boolean internal,
    boolean attachable, boolean ingress, boolean configOnly, ConfigFrom configFrom, @JsonProperty("IPAM") Ipam ipam,
    @JsonProperty("EnableIPv4") Boolean enableIpv4, @JsonProperty("EnableIPv6") Boolean enableIpv6,
    Map<String, String> options, Map<String, String> labels) {

  /** {@code --config-from}. */
  public record ConfigFrom(String network) {}

  /** IPAM: the driver, its pools and options. */
  public record Ipam(String driver, List<IpamPool> config, Map<String, String> options) {}

  /** One pool: {@code --subnet}, {@code --ip-range}, {@code --gateway}, {@code --aux-address}. */
  public record IpamPool(String subnet, @JsonProperty("IPRange") String ipRange, String gateway,
      Map<String, String> auxiliaryAddresses) {}
}
