package io.berth.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.BerthException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Docker's bridge network driver for one network (the default {@code bridge}): a Linux bridge
 * holding the gateway address, a veth pair per container with the container end in its own
 * namespace, an address from the network's pool, a default route via the bridge, outbound NAT.
 *
 * <p>The per-container work is done by the containernetworking plugins ({@code host-local} for
 * the address, {@code bridge} with {@code static} IPAM for the veth, address, MAC and route,
 * {@code loopback}); the bridge device, its address and the firewall rules are set up here at
 * open, once per daemon. Everything needed to undo an attachment is on disk under the state
 * directory, so a daemon killed with -9 can, after its restart, keep the endpoints of containers
 * still running and release the others ({@link #sweep}).
 *
 * <p>Thread-safe: attachments of different containers run in parallel; {@link #sweep} and
 * {@link #destroy} exclude them.
 */
public final class BridgeNetwork implements NetworkDriver, AutoCloseable {
  private static final String CONTAINER_IF = "eth0";
  private static final Pattern CONTAINER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,254}");
  private static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");

  private final BridgeConfig config;
  private final Path stateDir;
  private final CniPlugin cni;
  private final NetworkRecord record;
  private final Cidr bridgeAddress;
  private final HostLocalIpam ipam;
  private final BridgeFirewall firewall;
  private final EndpointStore endpoints;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile boolean closed;

  private BridgeNetwork(BridgeConfig config, Path stateDir, CniPlugin cni, NetworkRecord record, Cidr bridgeAddress,
      HostLocalIpam ipam, BridgeFirewall firewall, EndpointStore endpoints) {
    this.config = config;
    this.stateDir = stateDir;
    this.cni = cni;
    this.record = record;
    this.bridgeAddress = bridgeAddress;
    this.ipam = ipam;
    this.firewall = firewall;
    this.endpoints = endpoints;
  }

  /**
   * Sets up (or finds) the bridge, its address, IP forwarding and the firewall rules, and reads
   * back the endpoints recorded under {@code stateDir}. Idempotent: a restart after a crash
   * re-applies what is missing and changes nothing else. Call {@link #sweep} next.
   *
   * <p>Layout under {@code stateDir} (one directory per daemon):
   * {@code networks/<name>.json} (ID, subnet), {@code endpoints/<name>/<containerId>.json},
   * {@code ipam/<name>/<address>} (host-local's leases).
   */
  public static BridgeNetwork open(BridgeConfig config, Path stateDir) {
    try {
      Files.createDirectories(stateDir);
      CniPlugin cni = CniPlugin.locate();
      Cidr address = bridgeAddress(config);
      LinkDevices.ensureBridge(config.bridgeName(), address, config.mtu());
      enableForwarding();
      BridgeFirewall firewall = config.iptables()
          ? new BridgeFirewall(config.bridgeName(), address, config.ipMasquerade())
          : null;
      if (firewall != null) {
        firewall.ensure();
      }
      NetworkRecord record = NetworkRecord.update(
          stateDir.resolve("networks").resolve(config.networkName() + ".json"),
          config.networkName(), config.bridgeName(), address);
      HostLocalIpam ipam = new HostLocalIpam(cni, config.networkName(), stateDir.resolve("ipam"), address,
          address.addressString());
      EndpointStore endpoints = EndpointStore.open(stateDir.resolve("endpoints").resolve(config.networkName()));
      return new BridgeNetwork(config, stateDir, cni, record, address, ipam, firewall, endpoints);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** --bip if given; else the address the bridge already has (a restart); else a free /16. */
  private static Cidr bridgeAddress(BridgeConfig config) {
    if (config.bip() != null) {
      return config.bip();
    }
    List<Cidr> existing = LinkDevices.ipv4Addresses(config.bridgeName());
    if (!existing.isEmpty()) {
      return existing.getFirst();
    }
    Cidr subnet = SubnetPicker.pick(SubnetPicker.hostRoutes(), ResolvConf.nameservers(ResolvConf.hostText()));
    return subnet.plus(1);
  }

  private static void enableForwarding() {
    try {
      if (!Files.readString(IP_FORWARD).strip().equals("1")) {
        Files.writeString(IP_FORWARD, "1\n");
      }
    } catch (IOException e) {
      throw new NetworkException("enabling IP forwarding failed: " + e.getMessage(), e);
    }
  }

  /** The network's ID (NetworkID in inspect), stable across restarts. */
  public String id() {
    return record.id();
  }

  /** The network's name ({@code bridge}). */
  public String name() {
    return config.networkName();
  }

  /** The Linux bridge device. */
  public String bridgeName() {
    return config.bridgeName();
  }

  /** The subnet, e.g. 10.88.0.0/16. */
  public Cidr subnet() {
    return bridgeAddress.network();
  }

  /** The bridge's address, every container's default gateway. */
  @Override
  public String gateway() {
    return bridgeAddress.addressString();
  }

  /** When the network was first created (Created in network inspect). */
  public Instant created() {
    return Instant.parse(record.created());
  }

  public int mtu() {
    return config.mtu();
  }

  /**
   * Connects the container whose network namespace is {@code netnsPath} (created by the OCI
   * runtime, the container not yet started): a veth pair with "eth0" inside, an address from
   * the pool, Docker's MAC for it, a default route via the bridge, loopback up.
   *
   * @throws BerthException.Conflict if the container already has a live endpoint here
   * @throws NetworkException if the pool is exhausted or a plugin fails (nothing is left behind)
   */
  @Override
  public Endpoint connect(String containerId, Path netnsPath, String macAddress) {
    requireContainerId(containerId);
    NetNamespaces.requireContainerNamespace(netnsPath);
    return withLock(false, () -> {
      Optional<Endpoint> existing = endpoints.get(containerId);
      if (existing.isPresent()) {
        if (isOurPort(existing.get().hostVeth())) {
          throw new BerthException.Conflict(
              "endpoint with name " + containerId + " already exists in network " + name());
        }
        release(containerId); // a record whose veth died with an earlier namespace
      }
      return connect(containerId, netnsPath.toString(), macAddress);
    });
  }

  private Endpoint connect(String containerId, String netns, String macAddress) {
    Cidr address = ipam.allocate(containerId, netns);
    String hostVeth = null;
    try {
      String mac = macAddress == null || macAddress.isEmpty() ? Endpoint.dockerMac(address.address())
          : macAddress.toLowerCase(java.util.Locale.ROOT).replace('-', ':');
      JsonNode result = cni.invoke("bridge", "ADD", containerId, netns, CONTAINER_IF, bridgeConf(address, mac));
      hostVeth = hostVethOf(result);
      cni.invoke("loopback", "ADD", containerId, netns, "lo", Map.of("name", "loopback", "type", "loopback"));
      Endpoint endpoint = new Endpoint(containerId, NetworkRecord.newId(), id(), name(), address.addressString(),
          address.prefixLength(), gateway(), mac, hostVeth, CONTAINER_IF);
      endpoints.save(endpoint);
      return endpoint;
    } catch (RuntimeException e) {
      undoConnect(containerId, netns, address, hostVeth, e);
      throw e;
    }
  }

  /** Rolls back a half-made attachment; what fails here is attached to the original error. */
  private void undoConnect(String containerId, String netns, Cidr address, String hostVeth, RuntimeException cause) {
    try {
      if (hostVeth != null) {
        LinkDevices.delete(hostVeth);
      } else {
        // The plugin failed part-way: it knows its interface by name inside the namespace
        // (checked above not to be the daemon's own).
        cni.invoke("bridge", "DEL", containerId, netns, CONTAINER_IF, bridgeConf(address, null));
      }
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
    try {
      ipam.release(containerId);
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private Map<String, Object> bridgeConf(Cidr address, String mac) {
    Map<String, Object> conf = new LinkedHashMap<>();
    conf.put("name", name());
    conf.put("type", "bridge");
    conf.put("bridge", bridgeName());
    // The bridge's address and masquerading are the daemon's (set at open), not per container.
    conf.put("isGateway", false);
    conf.put("ipMasq", false);
    conf.put("hairpinMode", false);
    conf.put("mtu", config.mtu());
    if (mac != null) {
      conf.put("runtimeConfig", Map.of("mac", mac));
    }
    conf.put("ipam", Map.of(
        "type", "static",
        "addresses", List.of(Map.of("address", address.toString(), "gateway", gateway())),
        "routes", List.of(Map.of("dst", "0.0.0.0/0", "gw", gateway()))));
    return conf;
  }

  /** The bridge plugin lists the bridge, the host veth and the container interface (with a sandbox). */
  private String hostVethOf(JsonNode result) {
    for (JsonNode i : result.path("interfaces")) {
      String ifName = i.path("name").asText("");
      if (!i.hasNonNull("sandbox") && !ifName.isEmpty() && !ifName.equals(bridgeName())) {
        return ifName;
      }
    }
    throw new NetworkException("bridge plugin reported no host interface: " + result);
  }

  /**
   * Disconnects the container: removes its veth pair (if its namespace has not already taken it
   * along), returns its address to the pool, forgets the endpoint. Idempotent, and safe after the
   * container's namespace is gone. The namespace is never entered: after a crash its
   * {@code /proc/<pid>} path may belong to another process.
   */
  @Override
  public void disconnect(String containerId) {
    requireContainerId(containerId);
    withLock(false, () -> {
      release(containerId);
      return null;
    });
  }

  private void release(String containerId) {
    endpoints.get(containerId).ifPresent(e -> {
      if (isOurPort(e.hostVeth())) {
        LinkDevices.delete(e.hostVeth());
      }
    });
    ipam.release(containerId);
    endpoints.remove(containerId);
  }

  private boolean isOurPort(String link) {
    return link != null && LinkDevices.exists(link)
        && LinkDevices.masterOf(link).map(bridgeName()::equals).orElse(false);
  }

  /** The container's endpoint on this network, if it has one (after a restart too). */
  public Optional<Endpoint> endpoint(String containerId) {
    return endpoints.get(containerId);
  }

  /** Every endpoint on this network. */
  public List<Endpoint> endpoints() {
    return endpoints.all();
  }

  /** What a {@link #sweep} released. */
  public record Swept(List<String> releasedContainers, List<String> removedLinks) {}

  /**
   * Start-up repair after a crash: releases the endpoints and address leases of every container
   * not in {@code liveContainerIds}, and deletes the bridge's veths that no kept endpoint owns
   * (left by a crash in the middle of an attach). Endpoints of live containers are kept as they
   * are (live restore).
   */
  @Override
  public void sweep(Set<String> liveContainerIds) {
    sweepAndReport(liveContainerIds);
  }

  /** {@link #sweep}, saying what it released. */
  public Swept sweepAndReport(Set<String> liveContainerIds) {
    return withLock(true, () -> {
      Set<String> released = new TreeSet<>();
      for (Endpoint e : endpoints.all()) {
        if (!liveContainerIds.contains(e.containerId())) {
          release(e.containerId());
          released.add(e.containerId());
        }
      }
      for (HostLocalIpam.Lease lease : ipam.leases()) {
        if (lease.containerId().isEmpty()) {
          deleteQuietly(ipam.directory().resolve(lease.address()));
        } else if (!liveContainerIds.contains(lease.containerId())) {
          ipam.release(lease.containerId());
          released.add(lease.containerId());
        }
      }
      Set<String> kept = new HashSet<>();
      for (Endpoint e : endpoints.all()) {
        kept.add(e.hostVeth());
      }
      List<String> removed = new ArrayList<>();
      for (String port : LinkDevices.ports(bridgeName())) {
        if (port.startsWith("veth") && !kept.contains(port) && LinkDevices.delete(port)) {
          removed.add(port);
        }
      }
      return new Swept(List.copyOf(released), removed);
    });
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code --network none}: the namespace keeps only its loopback, which is brought up. */
  @Override
  public void loopbackOnly(Path netnsPath) {
    NetNamespaces.requireContainerNamespace(netnsPath);
    cni.invoke("loopback", "ADD", "berth-none", netnsPath.toString(), "lo",
        Map.of("name", "loopback", "type", "loopback"));
  }

  /** The container's /etc/resolv.conf: the host's, filtered as Docker does. */
  @Override
  public String resolvConf() {
    return ResolvConf.forContainer();
  }

  /**
   * Removes the network from the host: its firewall rules, its bridge and its state. Only
   * without endpoints. A daemon's ordinary shutdown does not do this (Docker leaves docker0 and
   * its rules, and running containers of a live restore still need them): this is for
   * {@code network rm} of a user-defined network and for tests.
   */
  public void destroy() {
    withLock(true, () -> {
      if (!endpoints.all().isEmpty()) {
        throw new BerthException.Conflict(
            "error while removing network: network " + name() + " id " + id() + " has active endpoints");
      }
      if (firewall != null) {
        firewall.remove();
      }
      LinkDevices.delete(bridgeName());
      try {
        StateFiles.deleteTree(ipam.directory());
        StateFiles.deleteTree(stateDir.resolve("endpoints").resolve(name()));
        StateFiles.delete(stateDir.resolve("networks").resolve(name() + ".json"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      closed = true;
      return null;
    });
  }

  /**
   * Ends this handle. The bridge, its rules and the endpoints stay (running containers keep
   * their network); the next {@link #open} picks them up.
   */
  @Override
  public void close() {
    withLock(true, () -> {
      closed = true;
      return null;
    });
  }

  private <T> T withLock(boolean exclusive, Supplier<T> action) {
    var l = exclusive ? lock.writeLock() : lock.readLock();
    l.lock();
    try {
      if (closed) {
        throw new IllegalStateException("network " + name() + " is closed");
      }
      return action.get();
    } finally {
      l.unlock();
    }
  }

  private static void requireContainerId(String containerId) {
    if (containerId == null || !CONTAINER_ID.matcher(containerId).matches()) {
      throw new BerthException.InvalidParameter("invalid container ID: " + containerId);
    }
  }
}
