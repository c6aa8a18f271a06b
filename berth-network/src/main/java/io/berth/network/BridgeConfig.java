package io.berth.network;

import io.berth.common.BerthException;
import java.util.regex.Pattern;

/**
 * How the daemon wants its bridge network (dockerd's {@code --bridge}, {@code --bip},
 * {@code --mtu}, {@code --iptables}, {@code --ip-masq}).
 *
 * @param networkName the network's name in the API ({@code bridge} for the default network);
 *     also names its state files and its address pool
 * @param bridgeName the Linux bridge device, at most 15 characters
 * @param bip the bridge's address and prefix ({@code 10.88.0.1/16}), which is also the
 *     containers' gateway; null to pick a free private /16 at open
 * @param mtu the MTU of the bridge and of every container interface
 * @param iptables whether to install the FORWARD (and, with {@code ipMasquerade}, NAT) rules
 * @param ipMasquerade whether traffic leaving the subnet is masqueraded
 */
public record BridgeConfig(String networkName, String bridgeName, Cidr bip, int mtu, boolean iptables,
    boolean ipMasquerade) {
  public static final String DEFAULT_NETWORK = "bridge";
  public static final String DEFAULT_BRIDGE = "berth0";
  public static final int DEFAULT_MTU = 1500;

  /** Linux interface names: 1–15 bytes, no slash, colon or white space. */
  private static final Pattern LINK_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,15}");
  /** Docker's network names, which also become file names here. */
  private static final Pattern NETWORK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");

  public BridgeConfig {
    if (networkName == null || !NETWORK_NAME.matcher(networkName).matches()) {
      throw new BerthException.InvalidParameter("invalid network name: " + networkName);
    }
    if (bridgeName == null || !LINK_NAME.matcher(bridgeName).matches() || bridgeName.equals(".")
        || bridgeName.equals("..")) {
      throw new BerthException.InvalidParameter("invalid bridge name: " + bridgeName);
    }
    if (bip != null) {
      if (bip.prefixLength() > 30) {
        throw new BerthException.InvalidParameter("bridge IP " + bip + " leaves no room for containers");
      }
      if (bip.isNetworkAddress()) {
        bip = bip.plus(1); // "10.88.0.0/16" names the subnet: the bridge takes its first address
      }
    }
    if (mtu < 68 || mtu > 65535) {
      throw new BerthException.InvalidParameter("invalid MTU " + mtu);
    }
  }

  /**
   * The default network as dockerd would set it up from its flags: {@code bridge} and
   * {@code bip} may be null (defaults: berth0, a free private /16).
   */
  public static BridgeConfig defaultNetwork(String bridge, String bip) {
    Cidr address;
    try {
      address = bip == null || bip.isBlank() ? null : Cidr.parse(bip);
    } catch (IllegalArgumentException e) {
      throw new BerthException.InvalidParameter("invalid --bip " + bip + ": " + e.getMessage(), e);
    }
    return new BridgeConfig(DEFAULT_NETWORK, bridge == null || bridge.isBlank() ? DEFAULT_BRIDGE : bridge, address,
        DEFAULT_MTU, true, true);
  }

  public BridgeConfig withMtu(int value) {
    return new BridgeConfig(networkName, bridgeName, bip, value, iptables, ipMasquerade);
  }

  public BridgeConfig withIptables(boolean value) {
    return new BridgeConfig(networkName, bridgeName, bip, mtu, value, ipMasquerade);
  }
}
