package io.berth.network;

import io.berth.common.BerthException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns a {@code network create} request into a network's record, with dockerd's checks and words: the name
 * free and not predefined, the driver {@code bridge}, the subnet (given or picked from the address pools)
 * clear of the other networks, gateway and IP range inside it, and the bridge driver's options berth honours.
 */
final class NetworkCreator {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");
  private static final Set<String> PREDEFINED = Set.of("bridge", "host", "none", "default");
  static final String OPT_BRIDGE_NAME = "com.docker.network.bridge.name";
  static final String OPT_MTU = "com.docker.network.driver.mtu";
  static final String OPT_ICC = "com.docker.network.bridge.enable_icc";
  static final String OPT_MASQUERADE = "com.docker.network.bridge.enable_ip_masquerade";
  static final String OPT_HOST_BINDING = "com.docker.network.bridge.host_binding_ipv4";
  private static final Set<String> OPTIONS = Set.of(OPT_BRIDGE_NAME, OPT_MTU, OPT_ICC, OPT_MASQUERADE,
      OPT_HOST_BINDING);

  private final Networks.Settings settings;

  NetworkCreator(Networks.Settings settings) {
    this.settings = settings;
  }

  NetworkRecord record(NetworkCreate req, List<NetworkRecord> existing) {
    if (PREDEFINED.contains(req.name())) {
      throw new BerthException.Forbidden("operation is not permitted on predefined " + req.name() + " network ");
    }
    if (req.name().isEmpty() || !NAME.matcher(req.name()).matches()) {
      throw new BerthException.InvalidParameter("invalid name: " + req.name());
    }
    if (existing.stream().anyMatch(r -> r.name().equals(req.name()))) {
      throw new BerthException.Conflict("network with name " + req.name() + " already exists");
    }
    if (!req.driver().equals("bridge")) {
      throw List.of("host", "null", "overlay", "macvlan", "ipvlan").contains(req.driver())
          ? new BerthException.InvalidParameter("berth does not support the " + req.driver()
              + " network driver yet (only bridge networks can be created)")
          : new BerthException.NotFound("plugin \"" + req.driver() + "\" not found");
    }
    for (String key : req.options().keySet()) {
      if (!OPTIONS.contains(key)) {
        throw new BerthException.InvalidParameter("berth does not support the bridge driver option " + key + " yet");
      }
    }
    String id = NetworkRecord.newId();
    String bridge = req.options().getOrDefault(OPT_BRIDGE_NAME, "br-" + id.substring(0, 12));
    checkBridgeName(bridge, existing);
    int mtu = mtu(req.options().get(OPT_MTU));
    boolean icc = bool(req.options(), OPT_ICC);
    boolean masquerade = bool(req.options(), OPT_MASQUERADE);
    String hostBinding = req.options().getOrDefault(OPT_HOST_BINDING, "");
    if (!hostBinding.isEmpty()) {
      address(hostBinding, "invalid host binding address " + hostBinding);
    }
    List<Cidr> taken = existing.stream().filter(r -> r.driver().equals("bridge")).map(NetworkRecord::subnetCidr)
        .toList();
    Cidr subnet;
    boolean userSubnet = !req.subnet().isEmpty();
    if (userSubnet) {
      subnet = cidr(req.subnet()).network();
      if (taken.stream().anyMatch(subnet::overlaps)) {
        throw new BerthException.Forbidden("Pool overlaps with other one on this address space");
      }
    } else {
      subnet = SubnetPicker.pick(settings.pools(), ResolvConf.nameservers(ResolvConf.hostText()), taken);
    }
    if (subnet.prefixLength() > 30) {
      throw new BerthException.InvalidParameter("Invalid Address Pool: " + subnet + " leaves no room for containers");
    }
    String gateway = req.gateway().isEmpty() ? subnet.plus(1).addressString() : req.gateway();
    int gw = address(gateway, "invalid gateway address " + gateway);
    if (!subnet.contains(gw)) {
      throw new NetworkException("failed to allocate gateway (" + gateway + "): Requested address is out of range");
    }
    if (!req.ipRange().isEmpty()) {
      Cidr range = cidr(req.ipRange());
      if (range.prefixLength() < subnet.prefixLength() || !subnet.contains(range.address())) {
        throw new BerthException.InvalidParameter("Invalid Address SubPool");
      }
    }
    NetworkRecord.Ipv6Pool ipv6 = ipv6Pool(req, existing);
    Map<String, String> options = new TreeMap<>(req.options());
    return new NetworkRecord(id, req.name(), Instant.now().toString(), "bridge", bridge, subnet.toString(), gateway,
        req.ipRange().isEmpty() ? "" : cidr(req.ipRange()).network().toString(), req.internal(), req.attachable(),
        req.enableIpv6(), icc, masquerade, mtu, req.labels(), options, req.ipamOptions(), userSubnet, false, ipv6);
  }

  /**
   * The IPv6 pool, checked as the IPv4 one. dockerd 20.10 has no default IPv6 pools, so {@code --ipv6} needs a
   * subnet; an IPv6 subnet without {@code --ipv6} is kept (and shown) but gives no addresses, as there.
   */
  private static NetworkRecord.Ipv6Pool ipv6Pool(NetworkCreate req, List<NetworkRecord> existing) {
    NetworkRecord.Ipv6Pool asked = req.ipv6();
    if (asked == null) {
      if (req.enableIpv6()) {
        throw new BerthException.NotFound("could not find an available, non-overlapping IPv6 address pool among "
            + "the defaults to assign to the network");
      }
      return null;
    }
    Cidr6 subnet = cidr6(asked.subnet()).network();
    if (existing.stream().map(NetworkRecord::ipv6).filter(p -> p != null)
        .anyMatch(p -> p.subnetCidr().overlaps(subnet))) {
      throw new BerthException.Forbidden("Pool overlaps with other one on this address space");
    }
    if (subnet.prefixLength() > 126) {
      throw new BerthException.InvalidParameter("Invalid Address Pool: " + subnet + " leaves no room for containers");
    }
    String gateway = asked.gateway().isEmpty() ? subnet.plus(1).addressString() : asked.gateway();
    java.math.BigInteger gw;
    try {
      gw = Cidr6.parseAddress(gateway);
    } catch (IllegalArgumentException e) {
      throw new BerthException.InvalidParameter("invalid gateway address " + gateway);
    }
    if (!subnet.contains(gw) || gw.equals(subnet.address())) {
      throw new NetworkException("failed to allocate gateway (" + gateway + "): Requested address is out of range");
    }
    String range = "";
    if (!asked.ipRange().isEmpty()) {
      Cidr6 r = cidr6(asked.ipRange());
      if (r.prefixLength() < subnet.prefixLength() || !subnet.contains(r.address())) {
        throw new BerthException.InvalidParameter("Invalid Address SubPool");
      }
      range = r.network().toString();
    }
    return new NetworkRecord.Ipv6Pool(subnet.toString(), Cidr6.formatAddress(gw), range);
  }

  private static void checkBridgeName(String bridge, List<NetworkRecord> existing) {
    try {
      new BridgeConfig("x", bridge, null, BridgeConfig.DEFAULT_MTU, true, true);
    } catch (BerthException.InvalidParameter e) {
      throw new BerthException.InvalidParameter("invalid bridge name " + bridge);
    }
    if (existing.stream().anyMatch(r -> r.bridge().equals(bridge)) || LinkDevices.exists(bridge)) {
      throw new BerthException.Forbidden("bridge name " + bridge + " already in use");
    }
  }

  private static int mtu(String value) {
    if (value == null) {
      return BridgeConfig.DEFAULT_MTU;
    }
    try {
      int mtu = Integer.parseInt(value);
      if (mtu < 68 || mtu > 65535) {
        throw new NumberFormatException();
      }
      return mtu;
    } catch (NumberFormatException e) {
      throw new BerthException.InvalidParameter("invalid MTU value " + value);
    }
  }

  /** Go's strconv.ParseBool for a bridge option; absent is true. */
  private static boolean bool(Map<String, String> options, String key) {
    String v = options.get(key);
    if (v == null) {
      return true;
    }
    return switch (v) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new BerthException.InvalidParameter("failed to parse " + key + " value: strconv.ParseBool: "
          + "parsing \"" + v + "\": invalid syntax");
    };
  }

  private static Cidr cidr(String text) {
    return cidr(text, Cidr::parse);
  }

  private static Cidr6 cidr6(String text) {
    return cidr(text, Cidr6::parse);
  }

  /** A subnet in CIDR form (a bare address is not one), in dockerd's words when it is not. */
  private static <T> T cidr(String text, java.util.function.Function<String, T> parse) {
    try {
      if (!text.contains("/")) {
        throw new IllegalArgumentException();
      }
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      throw new BerthException.InvalidParameter("invalid CIDR address: " + text);
    }
  }

  private static int address(String text, String error) {
    try {
      return Cidr.parseAddress(text);
    } catch (IllegalArgumentException e) {
      throw new BerthException.InvalidParameter(error);
    }
  }
}
