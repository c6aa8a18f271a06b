package io.berth.network;

import io.berth.common.AtomicFiles;
import io.berth.common.BerthException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Docker's bridge network driver for one network (the default {@code bridge} or a user-defined one): a Linux
 * bridge holding the gateway address, a veth pair per container with the container end in its namespace, an
 * address from the network's pool, a default route via the bridge (unless the network is internal), and the
 * container's published ports.
 *
 * <p>The veth, address, MAC, routes and loopback are set up in-process with rtnetlink ({@link VethPair});
 * addresses come from {@link AddressPool}; the bridge device is set up here, the firewall rules by the daemon's {@link Firewall}. Everything needed to undo
 * an attachment is on disk under the state directory, so a daemon killed with -9 can, after its restart, keep
 * the endpoints of containers still running and release the others ({@link #sweep}).
 *
 * <p>Thread-safe: attachments of different containers run in parallel; {@link #sweep} and {@link #destroy}
 * exclude them.
 */
public final class BridgeNetwork implements AutoCloseable {
  private static final Pattern CONTAINER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,254}");
  private static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");
  private static final Path IPV6_FORWARD = Path.of("/proc/sys/net/ipv6/conf/all/forwarding");
  private static final Path BRIDGE_NF = Path.of("/proc/sys/net/bridge/bridge-nf-call-iptables");

  /** What the networks of one daemon share: state, firewall and ports. */
  record Shared(Path stateDir, Firewall firewall, PortBinder ports, PortForwarder forwarder) {}

  private final NetworkRecord record;
  private final Shared shared;
  private final AddressPool pool;
  private final AddressPool pool6; // null without IPv6
  private final EndpointStore endpoints;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile boolean closed;

  private BridgeNetwork(NetworkRecord record, Shared shared, AddressPool pool, AddressPool pool6,
      EndpointStore endpoints) {
    this.record = record;
    this.shared = shared;
    this.pool = pool;
    this.pool6 = pool6;
    this.endpoints = endpoints;
  }

  /**
   * The default bridge of a daemon by itself, with its own firewall chains and ports (the network's tests).
   * Sets up (or finds) the bridge, its address, IP forwarding and the rules; idempotent.
   */
  public static BridgeNetwork open(BridgeConfig config, Path stateDir) {
    List<BridgeNetwork> self = new ArrayList<>();
    Firewall firewall = new Firewall(Firewall.tagFor(stateDir), config.iptables(), config.iptables(),
        () -> self.stream().map(BridgeNetwork::view).toList());
    Shared shared = new Shared(stateDir, firewall,
        new PortBinder(new PortBinder.Settings("0.0.0.0", true, config.iptables())), new PortForwarder());
    BridgeNetwork n = open(defaultRecord(config, stateDir, "0.0.0.0"), shared);
    self.add(n);
    firewall.apply();
    return n;
  }

  /** The default network's record: --bip, else the address the bridge has (a restart), else a free subnet. */
  static NetworkRecord defaultRecord(BridgeConfig config, Path stateDir, String hostIp) {
    try {
      return NetworkRecord.updateDefault(recordFile(stateDir, config.networkName()), config, bridgeAddress(config),
          hostIp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

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

  static Path recordFile(Path stateDir, String name) {
    return stateDir.resolve("networks").resolve(name + ".json");
  }

  /**
   * Sets up (or finds) the network's bridge with its address and reads back its endpoints. Idempotent: a
   * restart after a crash re-applies what is missing and changes nothing else. Call {@link #sweep} next.
   *
   * <p>Layout under the state directory (one per daemon): {@code networks/<name>.json},
   * {@code endpoints/<name>/<containerId>.json}, {@code ipam/<name>/<address>}.
   */
  static BridgeNetwork open(NetworkRecord record, Shared shared) {
    try {
      LinkDevices.ensureBridge(record.bridge(), record.bridgeAddress(), record.mtu());
      enable(IP_FORWARD);
      if (Files.exists(BRIDGE_NF)) {
        enable(BRIDGE_NF); // dockerd's setupBridgeNetFiltering: hairpin between containers of one bridge
      }
      // 127.0.0.1:PORT is DNATed to a container behind this bridge: loopback sources must be routable here
      enable(Path.of("/proc/sys/net/ipv4/conf", record.bridge(), "route_localnet"));
      Path ipamDir = shared.stateDir().resolve("ipam").resolve(record.name());
      Cidr range = record.ipRange().isEmpty() ? null : Cidr.parse(record.ipRange());
      AddressPool pool = AddressPool.v4(ipamDir, record.subnetCidr(), Cidr.parseAddress(record.gateway()), range);
      AddressPool pool6 = null;
      if (record.hasIpv6()) {
        NetworkRecord.Ipv6Pool v6 = record.ipv6();
        // as dockerd's setupIPv6: IPv6 on the bridge, forwarding on, and the gateway's address without DAD
        Files.writeString(Path.of("/proc/sys/net/ipv6/conf", record.bridge(), "disable_ipv6"), "0\n");
        enable(IPV6_FORWARD);
        LinkDevices.ensureIpv6Address(record.bridge(), v6.bridgeAddress());
        pool6 = AddressPool.v6(ipamDir, v6.subnetCidr(), Cidr6.parseAddress(v6.gateway()),
            v6.ipRange().isEmpty() ? null : Cidr6.parse(v6.ipRange()));
      }
      EndpointStore endpoints = EndpointStore.open(shared.stateDir().resolve("endpoints").resolve(record.name()));
      return new BridgeNetwork(record, shared, pool, pool6, endpoints);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void enable(Path sysctl) {
    try {
      if (!Files.readAllLines(sysctl).getFirst().strip().equals("1")) { // a /proc file: readString reads 1 byte
        Files.writeString(sysctl, "1\n");
      }
    } catch (IOException e) {
      throw new NetworkException("setting " + sysctl + " failed: " + e.getMessage(), e);
    }
  }

  public NetworkRecord record() {
    return record;
  }

  /** The network's ID (NetworkID in inspect), stable across restarts. */
  public String id() {
    return record.id();
  }

  public String name() {
    return record.name();
  }

  public String bridgeName() {
    return record.bridge();
  }

  public Cidr subnet() {
    return record.subnetCidr();
  }

  /** The bridge's address, every container's default gateway. */
  public String gateway() {
    return record.gateway();
  }

  public Instant created() {
    return record.createdAt();
  }

  public int mtu() {
    return record.mtu();
  }

  Firewall.View view() {
    return new Firewall.View(record, endpoints.all());
  }

  /**
   * Connects the container whose network namespace is {@code request.netns()} (made by the OCI runtime, the
   * container not yet started): a veth pair with {@code request.ifName()} inside, an address (the one asked
   * for, or the next free), the MAC asked for or Docker's, a default route via the bridge if asked and the
   * network is not internal, loopback up, and the published ports.
   *
   * @throws BerthException.Conflict if the container already has a live endpoint here
   * @throws NetworkException if the pool is exhausted, a port is taken or a plugin fails (nothing is left)
   */
  public Endpoint connect(EndpointRequest request) {
    requireContainerId(request.containerId());
    NetNamespaces.requireContainerNamespace(request.netns());
    return withLock(false, () -> {
      Optional<Endpoint> existing = endpoints.get(request.containerId());
      if (existing.isPresent()) {
        if (isOurPort(existing.get().hostVeth())) {
          throw new BerthException.Forbidden("endpoint with name " + displayName(request) + " already exists in "
              + "network " + name());
        }
        release(request.containerId()); // a record whose veth died with an earlier namespace
      }
      return attach(request);
    });
  }

  private static String displayName(EndpointRequest r) {
    return r.containerName().isEmpty() ? r.containerId() : r.containerName();
  }

  private Endpoint attach(EndpointRequest request) {
    String containerId = request.containerId();
    Cidr address = new Cidr(Cidr.parseAddress(pool.allocate(containerId, request.ifName(), request.ipv4Address())),
        subnet().prefixLength());
    String hostVeth = null;
    List<PortMapping> ports = List.of();
    try {
      Cidr6 address6 = pool6 == null ? null : new Cidr6(Cidr6.parseAddress(pool6.allocate(containerId,
          request.ifName(), request.ipv6Address())), record.ipv6().subnetCidr().prefixLength());
      String mac = request.macAddress().isEmpty() ? Endpoint.dockerMac(address.address())
          : request.macAddress().toLowerCase(Locale.ROOT).replace('-', ':');
      boolean route = request.defaultRoute() && !record.internal();
      String veth = "veth" + NetworkRecord.newId().substring(0, 7); // Docker's host-side names
      VethPair.create(veth, bridgeName(), record.mtu(), request.netns(), new VethPair.Inside(request.ifName(), mac,
          address, address6, route ? gateway() : null, route && address6 != null ? record.ipv6().gateway() : null));
      hostVeth = veth;
      String endpointId = NetworkRecord.newId();
      if (!request.ports().isEmpty()) {
        try {
          ports = shared.ports().bind(address.addressString(), withHostBinding(request.ports()));
        } catch (RuntimeException e) {
          throw new NetworkException("driver failed programming external connectivity on endpoint "
              + displayName(request) + " (" + endpointId + "): " + e.getMessage(), e);
        }
      }
      Endpoint endpoint = new Endpoint(containerId, endpointId, id(), name(), address.addressString(),
          address.prefixLength(), record.internal() ? "" : gateway(), mac, hostVeth, request.ifName(),
          request.containerName(), request.dnsNames(), request.links(), ports,
          address6 == null ? "" : address6.addressString(), address6 == null ? 0 : address6.prefixLength(),
          address6 == null || record.internal() ? "" : record.ipv6().gateway());
      endpoints.save(endpoint);
      if (!ports.isEmpty()) {
        shared.firewall().apply();
        shared.ports().forward(ports, shared.forwarder());
      }
      return endpoint;
    } catch (RuntimeException e) {
      undoConnect(request, address, hostVeth, ports, e);
      throw e;
    }
  }

  /** The network's {@code host_binding_ipv4} option is the host address of ports published without one. */
  private List<PortRequest> withHostBinding(List<PortRequest> requests) {
    String binding = record.options().getOrDefault(NetworkCreator.OPT_HOST_BINDING, "");
    if (binding.isEmpty()) {
      return requests;
    }
    return requests.stream().map(r -> r.hostIp().isEmpty()
        ? new PortRequest(r.proto(), r.containerPort(), binding, r.hostPortStart(), r.hostPortEnd()) : r).toList();
  }

  /** Rolls back a half-made attachment; what fails here is attached to the original error. */
  private void undoConnect(EndpointRequest request, Cidr address, String hostVeth, List<PortMapping> ports,
      RuntimeException cause) {
    List<Runnable> undo = new ArrayList<>();
    undo.add(() -> shared.ports().release(ports));
    if (endpoints.get(request.containerId()).isPresent()) {
      undo.add(() -> endpoints.remove(request.containerId()));
      undo.add(() -> shared.firewall().apply());
    }
    if (hostVeth != null) { // a failed VethPair.create leaves nothing
      undo.add(() -> LinkDevices.delete(hostVeth));
    }
    undo.add(() -> release(pool, request.containerId()));
    undo.add(() -> release(pool6, request.containerId()));
    for (Runnable step : undo) {
      try {
        step.run();
      } catch (RuntimeException e) {
        cause.addSuppressed(e);
      }
    }
  }

  private static void release(AddressPool p, String containerId) {
    if (p != null) {
      p.release(containerId);
    }
  }

  /**
   * Disconnects the container: removes its veth pair (if its namespace has not already taken it along),
   * unpublishes its ports, returns its address to the pool, forgets the endpoint. Idempotent, and safe after
   * the container's namespace is gone. The namespace is never entered: after a crash its {@code /proc/<pid>}
   * path may belong to another process.
   */
  public void disconnect(String containerId) {
    requireContainerId(containerId);
    withLock(false, () -> {
      release(containerId);
      return null;
    });
  }

  /** The endpoint's record with the container's new name and DNS names. */
  void rename(String containerId, String containerName, List<String> dnsNames) {
    withLock(false, () -> {
      endpoints.get(containerId).ifPresent(e -> endpoints.save(e.renamed(containerName, dnsNames)));
      return null;
    });
  }

  /**
   * {@link #disconnect} for a container that has exited: its address and ports are free on return, its veth is
   * deleted on a virtual thread. Deleting a veth waits for the kernel's RCU grace periods (10-20 ms here), and
   * the namespace it leads into is going away anyway: no reason for {@code run --rm} to wait for it. A daemon
   * that stops first leaves it to the next start's {@link #sweep}.
   */
  public void disconnectExited(String containerId) {
    requireContainerId(containerId);
    withLock(false, () -> {
      release(containerId, true);
      return null;
    });
  }

  private void release(String containerId) {
    release(containerId, false);
  }

  private void release(String containerId, boolean vethInBackground) {
    Optional<Endpoint> endpoint = endpoints.get(containerId);
    endpoint.ifPresent(e -> {
      if (isOurPort(e.hostVeth())) {
        if (vethInBackground) {
          Thread.ofVirtual().name("veth-delete").start(() -> deleteQuietly(e.hostVeth()));
        } else {
          LinkDevices.delete(e.hostVeth());
        }
      }
    });
    pool.release(containerId);
    release(pool6, containerId);
    endpoints.remove(containerId);
    if (endpoint.isPresent() && !endpoint.get().ports().isEmpty()) {
      shared.ports().release(endpoint.get().ports());
      shared.firewall().applySoon(); // off the exit's path: the next start with ports rewrites it at once anyway
    }
  }

  private static void deleteQuietly(String link) {
    try {
      LinkDevices.delete(link);
    } catch (RuntimeException e) {
      System.getLogger(BridgeNetwork.class.getName()).log(System.Logger.Level.WARNING,
          "deleting " + link + ": " + e.getMessage());
    }
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
   * Start-up repair after a crash: releases the endpoints and address leases of every container not in
   * {@code liveContainerIds}, deletes the bridge's veths that no kept endpoint owns (left by a crash in the
   * middle of an attach), and holds and forwards the published ports of the kept endpoints again. Endpoints of
   * live containers are kept as they are (live restore). The caller rewrites the firewall afterwards.
   */
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
      for (AddressPool p : pool6 == null ? List.of(pool) : List.of(pool, pool6)) {
        for (AddressPool.Lease lease : p.leases()) {
          if (lease.containerId().isEmpty()) {
            p.delete(lease.address());
          } else if (!liveContainerIds.contains(lease.containerId())) {
            p.release(lease.containerId());
            released.add(lease.containerId());
          }
        }
      }
      Set<String> kept = new HashSet<>();
      for (Endpoint e : endpoints.all()) {
        kept.add(e.hostVeth());
        List<String> problems = shared.ports().rebind(e.ports());
        problems.forEach(p -> System.getLogger(BridgeNetwork.class.getName()).log(System.Logger.Level.WARNING,
            "container " + e.containerId() + ": port " + p));
        shared.ports().forward(e.ports(), shared.forwarder());
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

  /**
   * Removes the network from the host: its bridge and its state (the caller rewrites the firewall). Only
   * without endpoints. A daemon's ordinary shutdown does not do this (Docker leaves docker0 and its rules, and
   * running containers of a live restore still need them): this is for {@code network rm} and for tests.
   */
  public void destroy() {
    withLock(true, () -> {
      if (!endpoints.all().isEmpty()) {
        throw new BerthException.Forbidden("error while removing network: network " + name() + " id " + id()
            + " has active endpoints");
      }
      LinkDevices.delete(bridgeName());
      try {
        AtomicFiles.deleteTree(pool.directory());
        AtomicFiles.deleteTree(shared.stateDir().resolve("endpoints").resolve(name()));
        AtomicFiles.delete(recordFile(shared.stateDir(), name()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      closed = true;
      return null;
    });
  }

  /**
   * Ends this handle. The bridge, its rules and the endpoints stay (running containers keep their network);
   * the next open picks them up.
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
