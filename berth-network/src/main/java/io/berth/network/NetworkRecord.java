package io.berth.network;

import io.berth.common.AtomicFiles;
import io.berth.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A network as kept in {@code networks/<name>.json}: its identity (ID and creation time stay the same across
 * daemon restarts: NetworkID in inspect output must not change under a running container) and everything
 * {@code network create} asked for, so that a restarted daemon sets the same bridge up again.
 *
 * @param subnet the subnet, e.g. {@code 10.10.10.0/24}
 * @param gateway the bridge's address in it
 * @param ipRange the part of the subnet addresses are handed out from ({@code --ip-range}), or empty
 * @param userSubnet whether the user chose the subnet ({@code --ip} is only allowed then, as in dockerd)
 * @param predefined whether this is the daemon's default {@code bridge} (not removable)
 * @param ipv6 the IPv6 pool ({@code --subnet} with an IPv6 subnet), or null; used when {@code enableIpv6}
 */
public record NetworkRecord(String id, String name, String created, String driver, String bridge, String subnet,
    String gateway, String ipRange, boolean internal, boolean attachable, boolean enableIpv6, boolean icc,
    boolean masquerade, int mtu, Map<String, String> labels, Map<String, String> options,
    Map<String, String> ipamOptions, boolean userSubnet, boolean predefined, Ipv6Pool ipv6) {
  private static final SecureRandom RANDOM = new SecureRandom();

  public NetworkRecord {
    driver = driver == null ? "bridge" : driver;
    ipRange = ipRange == null ? "" : ipRange;
    mtu = mtu == 0 ? BridgeConfig.DEFAULT_MTU : mtu;
    labels = labels == null ? Map.of() : new TreeMap<>(labels);
    options = options == null ? Map.of() : new TreeMap<>(options);
    ipamOptions = ipamOptions == null ? Map.of() : new TreeMap<>(ipamOptions);
  }

  /** A random 64-hex identifier, the form of Docker's network and endpoint IDs. */
  public static String newId() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /**
   * A network's IPv6 pool, always the user's ({@code --subnet}, {@code --gateway}, {@code --ip-range}): berth has no
   * default IPv6 pools, as dockerd 20.10.
   *
   * @param gateway the bridge's address in it (the subnet's first host address unless given)
   * @param ipRange the part handed out, or empty
   */
  public record Ipv6Pool(String subnet, String gateway, String ipRange) {
    public Ipv6Pool {
      ipRange = ipRange == null ? "" : ipRange;
    }

    public Cidr6 subnetCidr() {
      return Cidr6.parse(subnet);
    }

    /** The bridge's address with the subnet's prefix, e.g. fd00:1::1/64. */
    public Cidr6 bridgeAddress() {
      return new Cidr6(Cidr6.parseAddress(gateway), subnetCidr().prefixLength());
    }
  }

  /** Whether containers get IPv6 addresses here: IPv6 enabled and a pool to take them from. */
  public boolean hasIpv6() {
    return enableIpv6 && ipv6 != null;
  }

  public Cidr subnetCidr() {
    return Cidr.parse(subnet);
  }

  /** The bridge's address with the subnet's prefix, e.g. 10.10.10.1/24. */
  public Cidr bridgeAddress() {
    return new Cidr(Cidr.parseAddress(gateway), subnetCidr().prefixLength());
  }

  public Instant createdAt() {
    return Instant.parse(created);
  }

  static NetworkRecord read(Path file) throws IOException {
    return Json.read(Files.readAllBytes(file), NetworkRecord.class);
  }

  void write(Path file) throws IOException {
    AtomicFiles.write(file, Json.bytes(this));
  }

  /**
   * The default bridge's record: the one on disk with the current bridge facts (ID and creation time kept),
   * written back when they changed.
   */
  static NetworkRecord updateDefault(Path file, BridgeConfig config, Cidr bridgeAddress, String hostIp)
      throws IOException {
    NetworkRecord old = null;
    if (Files.exists(file)) {
      try {
        old = read(file);
      } catch (IOException unreadable) {
        old = null;
      }
    }
    String id = old != null && old.id() != null ? old.id() : newId();
    String created = old != null && old.created() != null ? old.created() : Instant.now().toString();
    Map<String, String> options = new TreeMap<>(Map.of(
        "com.docker.network.bridge.default_bridge", "true",
        "com.docker.network.bridge.enable_icc", "true",
        "com.docker.network.bridge.enable_ip_masquerade", Boolean.toString(config.ipMasquerade()),
        "com.docker.network.bridge.host_binding_ipv4", hostIp,
        "com.docker.network.bridge.name", config.bridgeName(),
        "com.docker.network.driver.mtu", Integer.toString(config.mtu())));
    NetworkRecord now = new NetworkRecord(id, config.networkName(), created, "bridge", config.bridgeName(),
        bridgeAddress.network().toString(), bridgeAddress.addressString(), "", false, false, false, true,
        config.ipMasquerade(), config.mtu(), Map.of(), options, Map.of(), config.bip() != null, true, null);
    if (!now.equals(old)) {
      now.write(file);
    }
    return now;
  }
}
