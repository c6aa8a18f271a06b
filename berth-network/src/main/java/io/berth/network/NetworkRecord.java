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
 */
public record NetworkRecord(String id, String name, String created, String driver, String bridge, String subnet,
    String gateway, String ipRange, boolean internal, boolean attachable, boolean enableIpv6, boolean icc,
    boolean masquerade, int mtu, Map<String, String> labels, Map<String, String> options,
    Map<String, String> ipamOptions, boolean userSubnet, boolean predefined) {
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
        config.ipMasquerade(), config.mtu(), Map.of(), options, Map.of(), config.bip() != null, true);
    if (!now.equals(old)) {
      now.write(file);
    }
    return now;
  }
}
