package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.engine.container.config.EndpointSettings;
import io.berth.engine.container.config.HostConfig;
import io.berth.engine.container.config.NetworkMode;
import io.berth.network.Endpoint;
import io.berth.network.EndpointRequest;
import io.berth.network.NetworkDriver;
import io.berth.network.NetworkRecord;
import io.berth.network.PortMapping;
import io.berth.network.PortRequest;
import io.berth.network.ResolvConf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A container's place on its networks: which networks it joins (its network mode's first, then the other
 * endpoints of its NetworkingConfig), what it asks of each (interface, address, MAC, DNS names, link aliases,
 * and on the first the published ports and the default route), the embedded DNS server when one of them is
 * user-defined, and the undoing of all that.
 */
final class ContainerNetworks {
  private final Supplier<NetworkDriver> networks;

  ContainerNetworks(Supplier<NetworkDriver> networks) {
    this.networks = networks;
  }

  /** One network the container joins, with what the user asked for on it (never null). */
  record Attachment(NetworkRecord network, EndpointSettings settings) {
    boolean userDefined() {
      return !network.predefined();
    }
  }

  NetworkDriver driver() {
    NetworkDriver d = networks.get();
    if (d == null) {
      throw new BerthException.InvalidParameter("the bridge network is disabled on this daemon (--bridge none)");
    }
    return d;
  }

  /**
   * The networks of a bridge or user-network mode: those of its NetworkingConfig (create puts the mode's own
   * there, {@code network connect} and {@code disconnect} change it), the mode's own first; none for host, none
   * and container:.
   */
  List<Attachment> attachments(Container c) {
    NetworkMode mode = c.hostConfig().networkMode();
    if (c.config().networkDisabled() || !(mode instanceof NetworkMode.Bridge || mode instanceof NetworkMode.Named)) {
      return List.of();
    }
    NetworkDriver d = driver();
    String primary = mode instanceof NetworkMode.Named n ? n.network() : "bridge";
    Map<String, EndpointSettings> config = new LinkedHashMap<>(c.networkingConfig().endpointsConfig());
    if (config.size() == 1 && config.containsKey("default")) {
      config = new LinkedHashMap<>(Map.of(primary, orEmpty(config.get("default")))); // a record of an older berthd
    }
    // empty: create always records the mode's own network, so the container was disconnected from all of them
    // and starts with its loopback only, as dockerd's
    List<Attachment> out = new ArrayList<>();
    for (Map.Entry<String, EndpointSettings> e : config.entrySet()) {
      NetworkRecord r;
      try {
        r = d.find(e.getKey());
      } catch (BerthException.NotFound missing) {
        if (e.getKey().equals("bridge")) {
          throw new BerthException.InvalidParameter("the bridge network is disabled on this daemon (--bridge none)");
        }
        throw missing;
      }
      Attachment a = new Attachment(r, orEmpty(e.getValue()));
      if (r.name().equals(primary) || r.id().equals(primary)) {
        out.addFirst(a);
      } else {
        out.add(a);
      }
    }
    return out;
  }

  static EndpointSettings orEmpty(EndpointSettings s) {
    return s != null ? s : new EndpointSettings(null, null, "", null, null, 0, "", "", "", "", 0, "", "", 0, null);
  }

  /**
   * Wires the container whose namespace is {@code netns} into its networks and, on a user network, starts its
   * DNS server. All or nothing.
   */
  NetworkState connect(Container c, Path netns) {
    NetworkDriver d = driver();
    List<Attachment> list = attachments(c);
    List<String> done = new ArrayList<>();
    NetworkState state = NetworkState.none();
    List<PortMapping> mappings = List.of();
    try {
      for (int i = 0; i < list.size(); i++) {
        Attachment a = list.get(i);
        Endpoint e = d.connect(a.network().name(), request(c, a, netns, "eth" + i, i == 0));
        done.add(a.network().name());
        state = state.with(a.network().name(), settings(c, a, e));
        if (i == 0) {
          mappings = e.ports();
        }
      }
      if (list.stream().anyMatch(Attachment::userDefined)) {
        d.serveDns(c.id(), netns, upstream(c.hostConfig()));
      }
    } catch (RuntimeException e) {
      for (String n : done) {
        try {
          d.disconnect(n, c.id());
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      d.stopDns(c.id());
      throw e;
    }
    return new NetworkState(state.networks(), PublishedPorts.settings(c.config(), c.hostConfig(), mappings));
  }

  /** One more network for a running container ({@code network connect}): the next interface, no ports. */
  EndpointSettings connectOne(Container stored, Path netns, Attachment a, DnsDefaults defaults) {
    Container c = defaults.applyTo(stored);
    NetworkDriver d = driver();
    int index = c.network().networks().size();
    Endpoint e = d.connect(a.network().name(), request(c, a, netns, "eth" + index, false));
    if (a.userDefined()) {
      try {
        d.serveDns(c.id(), netns, upstream(c.hostConfig()));
      } catch (RuntimeException ex) {
        d.disconnect(a.network().name(), c.id());
        throw ex;
      }
    }
    return settings(c, a, e);
  }

  private EndpointRequest request(Container c, Attachment a, Path netns, String ifName, boolean primary) {
    EndpointSettings s = a.settings();
    String mac = !s.macAddress().isEmpty() ? s.macAddress() : primary ? c.config().macAddress() : "";
    String ip = s.ipamConfig() == null ? "" : s.ipamConfig().ipv4Address();
    String ip6 = s.ipamConfig() == null ? "" : s.ipamConfig().ipv6Address();
    List<PortRequest> ports = primary ? PublishedPorts.requests(c.config(), c.hostConfig()) : List.of();
    return new EndpointRequest(c.id(), c.name(), netns, ifName, mac, ip,
        a.userDefined() ? dnsNames(c, s) : List.of(), a.userDefined() ? linkAliases(s) : Map.of(), ports, primary,
        ip6);
  }

  /** What other containers on a user network resolve to this one: name, aliases, short ID, hostname. */
  static List<String> dnsNames(Container c, EndpointSettings s) {
    List<String> names = new ArrayList<>();
    names.add(c.name());
    if (s.aliases() != null) {
      s.aliases().stream().filter(n -> !names.contains(n)).forEach(names::add);
    }
    if (!names.contains(c.shortId())) {
      names.add(c.shortId());
    }
    if (!c.config().hostname().isEmpty() && !names.contains(c.config().hostname())) {
      names.add(c.config().hostname());
    }
    return names;
  }

  /** An endpoint's {@code --link name:alias} list as alias to name. */
  private static Map<String, String> linkAliases(EndpointSettings s) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String l : s.links() == null ? List.<String>of() : s.links()) {
      LegacyLinks.Link link = LegacyLinks.parse(l);
      out.put(link.alias(), link.child());
    }
    return out;
  }

  /** NetworkSettings.Networks.NAME: what was asked, and what the network assigned. */
  private static EndpointSettings settings(Container c, Attachment a, Endpoint e) {
    EndpointSettings s = a.settings();
    return new EndpointSettings(s.ipamConfig(), s.links(), e.macAddress(), s.aliases(), s.driverOpts(),
        s.gwPriority(), e.networkId(), e.endpointId(), e.gateway(), e.ipAddress(), e.prefixLen(), e.ipv6Gateway(),
        e.ipv6Address(), e.ipv6PrefixLen(), a.userDefined() ? dnsNames(c, s) : null);
  }

  /** Takes the container off every network it is on; idempotent. */
  void disconnect(Container c) {
    disconnect(c, false);
  }

  /** {@link #disconnect} of a container that has exited: what its namespace takes along may go later. */
  void disconnectExited(Container c) {
    disconnect(c, true);
  }

  private void disconnect(Container c, boolean exited) {
    NetworkDriver d = networks.get();
    if (d == null) {
      return;
    }
    RuntimeException failure = null;
    for (String n : c.network().networks().keySet()) {
      try {
        if (exited) {
          d.disconnectExited(n, c.id());
        } else {
          d.disconnect(n, c.id());
        }
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    d.stopDns(c.id());
    if (failure != null) {
      throw failure;
    }
  }

  /** After a restart: the DNS server of a live container on a user network, again. */
  void restoreDns(Container stored, DnsDefaults defaults) {
    Container c = defaults.applyTo(stored);
    NetworkDriver d = networks.get();
    if (d == null || c.state().pid() <= 0) {
      return;
    }
    boolean user = c.network().networks().keySet().stream().anyMatch(n -> {
      try {
        return !d.find(n).predefined();
      } catch (BerthException.NotFound gone) {
        return false;
      }
    });
    if (user) {
      d.serveDns(c.id(), Path.of("/proc", Long.toString(c.state().pid()), "ns", "net"), upstream(c.hostConfig()));
    }
  }

  /** The servers the embedded DNS forwards to: {@code --dns}, else the host's (filtered as for a container). */
  static List<String> upstream(HostConfig hc) {
    if (hc.dns() != null && !hc.dns().isEmpty()) {
      return hc.dns();
    }
    return ResolvConf.nameservers(ResolvConf.forContainer());
  }
}
