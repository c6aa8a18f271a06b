package io.berth.engine.fake;

import io.berth.common.BerthException;
import io.berth.network.Endpoint;
import io.berth.network.EndpointRequest;
import io.berth.network.NetworkCreate;
import io.berth.network.NetworkDriver;
import io.berth.network.NetworkRecord;
import io.berth.network.NetworkException;
import io.berth.network.PortMapping;
import io.berth.network.PortRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Networks without a kernel, for the engine's unit tests: the default bridge on 10.99.0.0/24, host and none,
 * user networks on 10.100.N.0/24, endpoints and published ports kept in maps, DNS servers as a set.
 */
public final class FakeNetwork implements NetworkDriver {
  /** Endpoints by container ID, on the default bridge (what the older tests look at). */
  public final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
  /** Endpoints by network name, then container ID. */
  public final Map<String, Map<String, Endpoint>> byNetwork = new ConcurrentHashMap<>();
  public final Map<String, List<String>> dns = new ConcurrentHashMap<>();
  public final Map<String, NetworkRecord> networks = new ConcurrentHashMap<>();
  public volatile Set<String> lastSweep;
  private final AtomicInteger next = new AtomicInteger(1);
  private final AtomicInteger nextNetwork = new AtomicInteger(0);
  private final AtomicInteger nextPort = new AtomicInteger(40000);

  public FakeNetwork() {
    networks.put("bridge", record("bridge", "10.99.0.0/24", true, false));
    networks.put("host", record("host", "", true, false));
    networks.put("none", record("none", "", true, false));
  }

  private static NetworkRecord record(String name, String subnet, boolean predefined, boolean internal) {
    String driver = name.equals("host") ? "host" : name.equals("none") ? "null" : "bridge";
    return new NetworkRecord(NetworkRecord.newId(), name, Instant.now().toString(), driver, "br-" + name, subnet,
        subnet.isEmpty() ? "" : subnet.replace("0/24", "1"), "", internal, false, false, true, true, 1500, Map.of(),
        Map.of(), Map.of(), !predefined, predefined, null);
  }

  @Override
  public NetworkRecord create(NetworkCreate request) {
    if (networks.containsKey(request.name())) {
      throw new BerthException.Conflict("network with name " + request.name() + " already exists");
    }
    String subnet = request.subnet().isEmpty() ? "10.100." + nextNetwork.incrementAndGet() + ".0/24"
        : request.subnet();
    NetworkRecord r = record(request.name(), subnet, false, request.internal());
    networks.put(r.name(), r);
    return r;
  }

  @Override
  public NetworkRecord find(String idOrName) {
    NetworkRecord r = networks.get(idOrName);
    if (r != null) {
      return r;
    }
    return networks.values().stream().filter(n -> n.id().startsWith(idOrName)).findFirst()
        .orElseThrow(() -> new BerthException.NotFound("network " + idOrName + " not found"));
  }

  @Override
  public List<NetworkRecord> list() {
    return List.copyOf(networks.values());
  }

  @Override
  public void remove(String idOrName) {
    NetworkRecord r = find(idOrName);
    if (!endpoints(r.name()).isEmpty()) {
      throw new BerthException.Forbidden("error while removing network: network " + r.name() + " id " + r.id()
          + " has active endpoints");
    }
    networks.remove(r.name());
  }

  @Override
  public List<Endpoint> endpoints(String network) {
    return List.copyOf(byNetwork.getOrDefault(find(network).name(), Map.of()).values());
  }

  @Override
  public Endpoint connect(String network, EndpointRequest r) {
    NetworkRecord net = find(network);
    Map<String, Endpoint> eps = byNetwork.computeIfAbsent(net.name(), k -> new ConcurrentHashMap<>());
    if (eps.containsKey(r.containerId())) {
      throw new BerthException.Forbidden("endpoint with name " + r.containerName() + " already exists in network "
          + net.name());
    }
    int n = next.incrementAndGet();
    String prefix = net.subnet().substring(0, net.subnet().lastIndexOf('.') + 1);
    String ip = r.ipv4Address().isEmpty() ? prefix + n : r.ipv4Address();
    String mac = r.macAddress().isEmpty() ? "02:42:0a:63:00:" + String.format("%02x", n) : r.macAddress();
    List<PortMapping> ports = new ArrayList<>();
    for (PortRequest p : r.ports()) {
      int host = p.hostPortStart() == 0 ? nextPort.incrementAndGet() : p.hostPortStart();
      String hostIp = p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp();
      boolean taken = byNetwork.values().stream().flatMap(m -> m.values().stream())
          .flatMap(e -> e.ports().stream()).anyMatch(m -> m.hostPort() == host && m.proto().equals(p.proto()));
      if (taken) {
        throw new NetworkException("driver failed programming external connectivity on endpoint " + r.containerName()
            + " (ep" + n + "): Bind for " + hostIp + ":" + host + " failed: port is already allocated");
      }
      ports.add(new PortMapping(p.proto(), hostIp, host, ip, p.containerPort()));
    }
    Endpoint e = new Endpoint(r.containerId(), "ep" + n, net.id(), net.name(), ip, 24,
        net.internal() ? "" : net.gateway(), mac, "veth" + n, r.ifName(), r.containerName(), r.dnsNames(), r.links(),
        ports, "", 0, "");
    eps.put(r.containerId(), e);
    if (net.name().equals("bridge")) {
      endpoints.put(r.containerId(), e);
    }
    return e;
  }

  @Override
  public void disconnect(String network, String containerId) {
    byNetwork.getOrDefault(network, new ConcurrentHashMap<>()).remove(containerId);
    if (network.equals("bridge")) {
      endpoints.remove(containerId);
    }
  }

  @Override
  public void rename(String network, String containerId, String containerName, List<String> dnsNames) {
    Endpoint e = byNetwork.getOrDefault(network, Map.of()).get(containerId);
    if (e != null) {
      byNetwork.get(network).put(containerId, e.renamed(containerName, dnsNames));
    }
  }

  @Override
  public void loopbackOnly(Path netns) {}

  @Override
  public void sweep(Set<String> live) {
    lastSweep = Set.copyOf(live);
    endpoints.keySet().retainAll(live);
    byNetwork.values().forEach(m -> m.keySet().retainAll(live));
    dns.keySet().retainAll(live);
  }

  @Override
  public void serveDns(String containerId, Path netns, List<String> upstream) {
    dns.put(containerId, List.copyOf(upstream));
  }

  @Override
  public void stopDns(String containerId) {
    dns.remove(containerId);
  }

  @Override
  public String resolvConf() {
    return "nameserver 10.99.0.53\n";
  }

  @Override
  public Optional<String> defaultGateway() {
    return Optional.of("10.99.0.1");
  }
}
