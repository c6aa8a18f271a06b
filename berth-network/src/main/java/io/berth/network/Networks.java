package io.berth.network;

import io.berth.common.AtomicFiles;
import io.berth.common.BerthException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The daemon's networks (libnetwork's controller with the bridge driver): the default {@code bridge} from the
 * daemon's flags, {@code host} and {@code none}, and the user-defined bridges of {@code network create}, each
 * kept in {@code networks/<name>.json} under the state directory and set up again at open. One
 * {@link Firewall} holds the rules of all of them, one {@link PortBinder} their published ports, one
 * {@link EmbeddedDns} the DNS servers of containers on user networks.
 */
public final class Networks implements NetworkDriver, DnsAnswers.Names, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Networks.class.getName());

  /**
   * The daemon's network settings: the default bridge (null with {@code --bridge none}), {@code --iptables},
   * {@code --ip6tables}, {@code --userland-proxy}, {@code --ip} (the default bridge's host address for published
   * ports), {@code default-address-pools} (empty for dockerd's defaults).
   */
  public record Settings(BridgeConfig defaultBridge, boolean iptables, boolean ip6tables, boolean userlandProxy,
      String defaultHostIp, List<SubnetPicker.Pool> pools) {
    public Settings {
      defaultHostIp = defaultHostIp == null || defaultHostIp.isEmpty() ? "0.0.0.0" : defaultHostIp;
      pools = pools == null || pools.isEmpty() ? SubnetPicker.defaultPools() : List.copyOf(pools);
    }
  }

  private final Settings settings;
  private final Path stateDir;
  private final BridgeNetwork.Shared shared;
  private final Map<String, BridgeNetwork> bridges = new ConcurrentHashMap<>();
  private final Map<String, NetworkRecord> others = new ConcurrentHashMap<>();
  private final EmbeddedDns dns;
  private final NetworkCreator creator;

  private Networks(Settings settings, Path stateDir) {
    this.settings = settings;
    this.stateDir = stateDir;
    Firewall firewall = new Firewall(Firewall.tagFor(stateDir), settings.iptables(), settings.ip6tables(),
        this::views);
    this.shared = new BridgeNetwork.Shared(stateDir, firewall,
        new PortBinder(new PortBinder.Settings("0.0.0.0", settings.userlandProxy(), settings.iptables())),
        new PortForwarder());
    this.dns = new EmbeddedDns(stateDir, this);
    this.creator = new NetworkCreator(settings);
  }

  /**
   * Sets up every network found under {@code stateDir} (and the default bridge from the settings) and the
   * firewall. Call {@link #sweep} next, once the live containers are known.
   */
  public static Networks open(Settings settings, Path stateDir) {
    try {
      Files.createDirectories(stateDir.resolve("networks"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Networks n = new Networks(settings, stateDir);
    n.load();
    n.shared.firewall().apply();
    return n;
  }

  private void load() {
    if (settings.defaultBridge() != null) {
      BridgeConfig config = settings.defaultBridge();
      NetworkRecord record = BridgeNetwork.defaultRecord(config, stateDir, settings.defaultHostIp());
      // rules an earlier berthd put straight into FORWARD and POSTROUTING, tagged with the bridge
      new BridgeFirewall(record.bridge(), record.subnetCidr(), true).remove();
      bridges.put(record.name(), BridgeNetwork.open(record, shared));
    }
    others.put("host", predefined("host", "host"));
    others.put("none", predefined("none", "null"));
    try (var files = Files.list(stateDir.resolve("networks"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String file = f.getFileName().toString();
        if (file.startsWith(".") || !file.endsWith(".json")) {
          Files.deleteIfExists(f); // a temp file a crash left
          continue;
        }
        NetworkRecord r = NetworkRecord.read(f);
        if (!r.predefined() && r.driver().equals("bridge") && !bridges.containsKey(r.name())) {
          bridges.put(r.name(), BridgeNetwork.open(r, shared));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** host and none: records of their own so that their IDs stay the same across restarts. */
  private NetworkRecord predefined(String name, String driver) {
    Path file = BridgeNetwork.recordFile(stateDir, name);
    try {
      if (Files.exists(file)) {
        return NetworkRecord.read(file);
      }
      NetworkRecord r = new NetworkRecord(NetworkRecord.newId(), name, Instant.now().toString(), driver, "", "", "",
          "", false, false, false, false, false, 0, Map.of(), Map.of(), Map.of(), false, true, null);
      r.write(file);
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Firewall.View> views() {
    return bridges.values().stream().sorted(Comparator.comparing(BridgeNetwork::created))
        .map(BridgeNetwork::view).toList();
  }

  @Override
  public NetworkRecord create(NetworkCreate request) {
    synchronized (creator) {
      NetworkRecord record = creator.record(request, records());
      BridgeNetwork bridge;
      try {
        record.write(BridgeNetwork.recordFile(stateDir, record.name()));
        bridge = BridgeNetwork.open(record, shared);
      } catch (IOException | RuntimeException e) {
        LinkDevices.delete(record.bridge());
        try {
          AtomicFiles.delete(BridgeNetwork.recordFile(stateDir, record.name()));
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
      }
      bridges.put(record.name(), bridge);
      shared.firewall().apply();
      return record;
    }
  }

  private List<NetworkRecord> records() {
    List<NetworkRecord> all = new ArrayList<>();
    bridges.values().forEach(b -> all.add(b.record()));
    all.addAll(others.values());
    return all;
  }

  @Override
  public NetworkRecord find(String idOrName) {
    List<NetworkRecord> all = records();
    for (NetworkRecord r : all) {
      if (r.name().equals(idOrName)) {
        return r;
      }
    }
    for (NetworkRecord r : all) {
      if (r.id().equals(idOrName)) {
        return r;
      }
    }
    List<NetworkRecord> byPrefix = idOrName.isEmpty() ? List.of()
        : all.stream().filter(r -> r.id().startsWith(idOrName)).toList();
    if (byPrefix.size() > 1) {
      throw new BerthException.InvalidParameter("network " + idOrName + " is ambiguous (" + byPrefix.size()
          + " matches found based on ID prefix)");
    }
    if (byPrefix.isEmpty()) {
      throw new BerthException.NotFound("network " + idOrName + " not found");
    }
    return byPrefix.getFirst();
  }

  @Override
  public List<NetworkRecord> list() {
    List<NetworkRecord> all = records();
    all.sort(Comparator.comparing((NetworkRecord r) -> !r.predefined()).thenComparing(NetworkRecord::created));
    return all;
  }

  @Override
  public void remove(String idOrName) {
    synchronized (creator) {
      NetworkRecord r = find(idOrName);
      if (r.predefined()) {
        throw new BerthException.Forbidden(r.name() + " is a pre-defined network and cannot be removed");
      }
      BridgeNetwork b = bridges.get(r.name());
      b.destroy();
      bridges.remove(r.name());
      shared.firewall().apply();
    }
  }

  private BridgeNetwork bridge(String network) {
    BridgeNetwork b = bridges.get(find(network).name());
    if (b == null) {
      throw new BerthException.InvalidParameter("network " + network + " has no bridge to connect to");
    }
    return b;
  }

  @Override
  public List<Endpoint> endpoints(String network) {
    NetworkRecord r = find(network);
    BridgeNetwork b = bridges.get(r.name());
    return b == null ? List.of() : b.endpoints();
  }

  @Override
  public Endpoint connect(String network, EndpointRequest request) {
    return bridge(network).connect(request);
  }

  @Override
  public void disconnect(String network, String containerId) {
    bridgeNamed(network).ifPresent(b -> b.disconnect(containerId));
  }

  @Override
  public void disconnectExited(String network, String containerId) {
    bridgeNamed(network).ifPresent(b -> b.disconnectExited(containerId));
  }

  /** The bridge network of that name or ID, if it is one. */
  private Optional<BridgeNetwork> bridgeNamed(String network) {
    BridgeNetwork b = bridges.get(network);
    return b != null ? Optional.of(b)
        : bridges.values().stream().filter(x -> x.id().equals(network)).findFirst();
  }

  @Override
  public void rename(String network, String containerId, String containerName, List<String> dnsNames) {
    BridgeNetwork b = bridges.get(network);
    if (b != null) {
      b.rename(containerId, containerName, dnsNames);
    }
  }

  @Override
  public void loopbackOnly(Path netns) {
    NetNamespaces.loopbackUp(netns);
  }

  @Override
  public void sweep(Set<String> live) {
    for (BridgeNetwork b : bridges.values()) {
      b.sweep(live);
    }
    for (String id : dns.recorded()) {
      if (!live.contains(id)) {
        dns.forget(id);
      }
    }
    shared.firewall().apply();
  }

  @Override
  public void serveDns(String containerId, Path netns, List<String> upstream) {
    dns.serve(containerId, netns, upstream);
  }

  @Override
  public void stopDns(String containerId) {
    dns.forget(containerId);
  }

  @Override
  public String resolvConf() {
    return ResolvConf.forContainer();
  }

  @Override
  public Optional<String> defaultGateway() {
    return settings.defaultBridge() == null ? Optional.empty()
        : Optional.ofNullable(bridges.get(settings.defaultBridge().networkName())).map(BridgeNetwork::gateway);
  }

  /** The user networks {@code containerId} has an endpoint on, with that endpoint. */
  private List<Map.Entry<BridgeNetwork, Endpoint>> userEndpoints(String containerId) {
    List<Map.Entry<BridgeNetwork, Endpoint>> out = new ArrayList<>();
    for (BridgeNetwork b : bridges.values()) {
      if (!b.record().predefined()) {
        b.endpoint(containerId).ifPresent(e -> out.add(Map.entry(b, e)));
      }
    }
    return out;
  }

  @Override
  public List<String> lookup(String containerId, String name, boolean ipv6) {
    for (Map.Entry<BridgeNetwork, Endpoint> mine : userEndpoints(containerId)) {
      BridgeNetwork b = mine.getKey();
      String n = name.endsWith("." + b.name().toLowerCase(java.util.Locale.ROOT))
          ? name.substring(0, name.length() - b.name().length() - 1) : name;
      String target = mine.getValue().links().entrySet().stream()
          .filter(l -> l.getKey().equalsIgnoreCase(n)).map(Map.Entry::getValue).findFirst().orElse(n);
      List<String> ips = new ArrayList<>();
      for (Endpoint e : b.endpoints()) {
        if (e.containerName().equalsIgnoreCase(target)
            || e.dnsNames().stream().anyMatch(d -> d.equalsIgnoreCase(target))) {
          String ip = ipv6 ? e.ipv6Address() : e.ipAddress();
          if (!ip.isEmpty()) {
            ips.add(ip);
          }
        }
      }
      if (!ips.isEmpty()) {
        return ips;
      }
    }
    return List.of();
  }

  @Override
  public String reverse(String containerId, String ip) {
    for (Map.Entry<BridgeNetwork, Endpoint> mine : userEndpoints(containerId)) {
      for (Endpoint e : mine.getKey().endpoints()) {
        if ((e.ipAddress().equals(ip) || e.ipv6Address().equals(ip)) && !e.containerName().isEmpty()) {
          return e.containerName() + "." + mine.getKey().name();
        }
      }
    }
    return null;
  }

  @Override
  public boolean forwards(String containerId) {
    return userEndpoints(containerId).stream().anyMatch(e -> !e.getKey().record().internal());
  }

  /** The daemon's firewall tag (its chains are BERTH-*-TAG). */
  public String firewallTag() {
    return Firewall.tagFor(stateDir);
  }

  @Override
  public void close() {
    bridges.values().forEach(BridgeNetwork::close);
    LOG.log(System.Logger.Level.DEBUG, "networks closed");
  }
}
