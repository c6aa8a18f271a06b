package io.berth.engine.network;

import io.berth.common.BerthException;
import io.berth.common.Filters;
import io.berth.common.TimeFilter;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.events.EventBus;
import io.berth.network.Cidr6;
import io.berth.network.Endpoint;
import io.berth.network.NetworkCreate;
import io.berth.network.NetworkDriver;
import io.berth.network.NetworkRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code /networks} endpoints' engine side: create (the API request reduced to what berth's bridge driver
 * takes, the rest refused in words that name the option), list with dockerd's filters, inspect with the
 * attached containers, remove, prune; network events.
 */
public final class NetworkService {
  private static final Set<String> FILTERS = Set.of("dangling", "driver", "id", "label", "name", "scope", "type");
  private static final Set<String> PRUNE_FILTERS = Set.of("until", "label", "label!");

  private final Supplier<NetworkDriver> networks;
  private final ContainerStore containers;
  private final EventBus events;

  public NetworkService(Supplier<NetworkDriver> networks, ContainerStore containers, EventBus events) {
    this.networks = networks;
    this.containers = containers;
    this.events = events;
  }

  private NetworkDriver driver() {
    NetworkDriver d = networks.get();
    if (d == null) {
      throw new BerthException.Unavailable("networking is not available on this daemon");
    }
    return d;
  }

  public NetworkInfo create(NetworkCreateRequest req) {
    if (req.name() == null || req.name().isEmpty()) {
      throw new BerthException.InvalidParameter("network name cannot be empty");
    }
    if (req.ingress()) {
      throw new BerthException.Forbidden("This node is not a swarm manager. Use \"docker swarm init\" or "
          + "\"docker swarm join\" to connect this node to swarm and try again.");
    }
    refuse(req.configOnly(), "--config-only");
    refuse(req.configFrom() != null && req.configFrom().network() != null && !req.configFrom().network().isEmpty(),
        "--config-from");
    refuse(req.scope() != null && !req.scope().isEmpty() && !req.scope().equals("local"), "--scope " + req.scope());
    refuse(Boolean.FALSE.equals(req.enableIpv4()), "--ipv4=false");
    NetworkCreateRequest.Ipam ipam = req.ipam();
    String subnet = "";
    String gateway = "";
    String ipRange = "";
    Map<String, String> ipamOptions = Map.of();
    NetworkRecord.Ipv6Pool ipv6 = null;
    if (ipam != null) {
      refuse(ipam.driver() != null && !ipam.driver().isEmpty() && !ipam.driver().equals("default"),
          "--ipam-driver " + ipam.driver());
      ipamOptions = ipam.options() == null ? Map.of() : ipam.options();
      refuse(!ipamOptions.isEmpty(), "--ipam-opt");
      List<NetworkCreateRequest.IpamPool> pools = ipam.config() == null ? List.of() : ipam.config();
      List<NetworkCreateRequest.IpamPool> v6 = pools.stream().filter(p -> Cidr6.isIpv6(p.subnet())).toList();
      List<NetworkCreateRequest.IpamPool> v4 = pools.stream().filter(p -> !v6.contains(p)).toList();
      if (v4.size() > 1 || v6.size() > 1) {
        throw new BerthException.InvalidParameter("bridge driver doesn't support multiple subnets");
      }
      for (NetworkCreateRequest.IpamPool p : pools) {
        refuse(p.auxiliaryAddresses() != null && !p.auxiliaryAddresses().isEmpty(), "--aux-address");
        if (orEmpty(p.subnet()).isEmpty() && (!orEmpty(p.gateway()).isEmpty() || !orEmpty(p.ipRange()).isEmpty())) {
          throw new BerthException.InvalidParameter("invalid pool request: ip-range and gateway need a subnet");
        }
      }
      if (!v4.isEmpty()) {
        NetworkCreateRequest.IpamPool p = v4.getFirst();
        subnet = orEmpty(p.subnet());
        gateway = orEmpty(p.gateway());
        ipRange = orEmpty(p.ipRange());
      }
      if (!v6.isEmpty()) {
        NetworkCreateRequest.IpamPool p = v6.getFirst();
        ipv6 = new NetworkRecord.Ipv6Pool(p.subnet(), orEmpty(p.gateway()), orEmpty(p.ipRange()));
      }
    }
    NetworkRecord r = driver().create(new NetworkCreate(req.name(), req.driver(), subnet, gateway, ipRange,
        req.internal(), req.attachable(), Boolean.TRUE.equals(req.enableIpv6()), req.labels(), req.options(),
        ipamOptions, ipv6));
    events.publish("network", "create", r.id(), Map.of("name", r.name(), "type", r.driver()));
    return info(r);
  }

  private static void refuse(boolean given, String option) {
    if (given) {
      throw new BerthException.InvalidParameter("berth does not support " + option + " yet");
    }
  }

  public NetworkInfo inspect(String idOrName) {
    return info(driver().find(idOrName));
  }

  public List<NetworkInfo> list(Filters filters) {
    filters.validate(FILTERS);
    List<NetworkInfo> out = new ArrayList<>();
    for (NetworkRecord r : driver().list()) {
      NetworkInfo n = info(r);
      if (matches(filters, r, n)) {
        out.add(n);
      }
    }
    return out;
  }

  private static boolean matches(Filters f, NetworkRecord r, NetworkInfo n) {
    if (!f.anyOrNone("driver", r.driver()::equals) || !f.anyOrNone("id", r.id()::startsWith)
        || !f.anyOrNone("name", v -> r.name().contains(v)) || !f.anyOrNone("scope", "local"::equals)) {
      return false;
    }
    if (!f.anyOrNone("type", v -> {
      if (!v.equals("custom") && !v.equals("builtin")) {
        throw new BerthException.InvalidParameter("invalid filter: 'type'='" + v + "'");
      }
      return v.equals("builtin") == r.predefined();
    })) {
      return false;
    }
    Boolean dangling = f.bool("dangling");
    if (dangling != null && dangling != (!r.predefined() && n.containers().isEmpty())) {
      return false;
    }
    return Filters.labelsMatch(f.get("label"), r.labels());
  }

  public void remove(String idOrName) {
    NetworkRecord r = driver().find(idOrName);
    driver().remove(r.id());
    events.publish("network", "destroy", r.id(), Map.of("name", r.name(), "type", r.driver()));
  }

  /** Removes the user networks no container is attached to; their names. */
  public List<String> prune(Filters filters) {
    filters.validate(PRUNE_FILTERS);
    Instant until = filters.has("until") ? TimeFilter.parse(filters.get("until").getFirst(), Instant.now()) : null;
    List<String> deleted = new ArrayList<>();
    for (NetworkRecord r : driver().list()) {
      if (r.predefined() || !driver().endpoints(r.name()).isEmpty() || configured(r)) {
        continue;
      }
      boolean labelsOut = !filters.get("label!").isEmpty()
          && filters.get("label!").stream().anyMatch(l -> Filters.labelsMatch(List.of(l), r.labels()));
      if ((until != null && !r.createdAt().isBefore(until)) || !Filters.labelsMatch(filters.get("label"), r.labels())
          || labelsOut) {
        continue;
      }
      try {
        remove(r.id());
        deleted.add(r.name());
      } catch (BerthException e) {
        // in use meanwhile
      }
    }
    return deleted;
  }

  /** Whether a running container is on the network (dockerd's prune keeps those networks). */
  private boolean configured(NetworkRecord r) {
    return containers.all().stream().anyMatch(c -> c.state().running() && c.network().networks().containsKey(r.name()));
  }

  private NetworkInfo info(NetworkRecord r) {
    Map<String, NetworkInfo.Attached> attached = new LinkedHashMap<>();
    for (Endpoint e : r.driver().equals("bridge") ? driver().endpoints(r.name()) : List.<Endpoint>of()) {
      String name = containers.get(e.containerId()).map(Container::name).orElse(e.containerName());
      attached.put(e.containerId(), new NetworkInfo.Attached(name, e.endpointId(), e.macAddress(),
          e.ipAddress() + "/" + e.prefixLen(), e.ipv6Address().isEmpty() ? "" : e.ipv6Address() + "/"
              + e.ipv6PrefixLen()));
    }
    List<NetworkInfo.Pool> pools = new ArrayList<>();
    if (r.driver().equals("bridge")) {
      pools.add(new NetworkInfo.Pool(r.subnet(), r.ipRange(), r.gateway()));
      if (r.ipv6() != null) {
        pools.add(new NetworkInfo.Pool(r.ipv6().subnet(), r.ipv6().ipRange(), r.ipv6().gateway()));
      }
    }
    return new NetworkInfo(r.name(), r.id(), r.createdAt(), "local", r.driver(), r.enableIpv6(), "default",
        r.ipamOptions(), pools, r.internal(), r.attachable(), attached, r.options(), r.labels());
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
