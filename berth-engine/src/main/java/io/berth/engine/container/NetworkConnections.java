package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.engine.container.config.EndpointSettings;
import io.berth.engine.container.config.NetworkMode;
import io.berth.engine.container.config.NetworkingConfig;
import io.berth.network.NetworkDriver;
import io.berth.network.NetworkRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code network connect} and {@code network disconnect}: a container joins or leaves a network, at once when
 * it runs (its next interface, its DNS server), and from its next start on in any case (its NetworkingConfig).
 * The checks and words are dockerd's.
 */
final class NetworkConnections {
  private final LifecycleContext ctx;

  NetworkConnections(LifecycleContext ctx) {
    this.ctx = ctx;
  }

  /** Work on a container under its lock, on its current record. */
  private interface Locked {
    void run(Container c) throws IOException;
  }

  private void locked(String container, Locked action) throws IOException {
    Container found = ctx.store().find(container);
    ReentrantLock lock = ctx.locks().of(found.id());
    lock.lock();
    try {
      action.run(ctx.store().get(found.id())
          .orElseThrow(() -> new BerthException.NotFound("No such container: " + container)));
    } finally {
      lock.unlock();
    }
  }

  void connect(String container, String network, EndpointSettings requested) throws IOException {
    locked(container, c -> {
      NetworkDriver d = ctx.networks().driver();
      NetworkRecord r = d.find(network);
      NetworkMode mode = c.hostConfig().networkMode();
      if (mode instanceof NetworkMode.Host || r.driver().equals("host")) {
        throw new BerthException.InvalidParameter(
            "container cannot be disconnected from host network or connected to host network");
      }
      if (mode instanceof NetworkMode.Container) {
        throw new BerthException.InvalidParameter("container sharing network namespace with another container or "
            + "host cannot be connected to any other network");
      }
      if (mode instanceof NetworkMode.None || r.driver().equals("null")) {
        throw new BerthException.InvalidParameter("container cannot be connected to multiple networks with one of "
            + "the networks in private (none) mode");
      }
      EndpointSettings s = ContainerNetworks.orEmpty(requested);
      CreateFields.endpoint(s);
      NetworkChecks.endpoint(r, s);
      if (connected(c, r)) {
        throw new BerthException.Forbidden("endpoint with name " + c.name() + " already exists in network "
            + r.name());
      }
      NetworkState state = c.network();
      if (c.state().running()) {
        Path netns = Path.of("/proc", Long.toString(c.state().pid()), "ns", "net");
        state = state.with(r.name(), ctx.networks().connectOne(c, netns,
            new ContainerNetworks.Attachment(r, s), ctx.service().dnsDefaults()));
      }
      Map<String, EndpointSettings> config = new LinkedHashMap<>(c.networkingConfig().endpointsConfig());
      config.put(r.name(), requested);
      NetworkState placed = state;
      ctx.store().update(c.id(), x -> x.withNetwork(placed).withNetworkingConfig(new NetworkingConfig(config)));
      ctx.service().events().publish("network", "connect", r.id(), Map.of("container", c.id(), "name", r.name(),
          "type", r.driver()));
    });
  }

  /** {@code force}: a network that is gone is taken off the container's configuration all the same. */
  void disconnect(String container, String network, boolean force) throws IOException {
    locked(container, c -> {
      NetworkDriver d = ctx.networks().driver();
      NetworkRecord r;
      try {
        r = d.find(network);
      } catch (BerthException.NotFound gone) {
        if (!force || !c.networkingConfig().endpointsConfig().containsKey(network)) {
          throw gone;
        }
        Map<String, EndpointSettings> config = new LinkedHashMap<>(c.networkingConfig().endpointsConfig());
        config.remove(network);
        ctx.store().update(c.id(), x -> x.withNetworkingConfig(new NetworkingConfig(config)));
        return;
      }
      if (c.hostConfig().networkMode() instanceof NetworkMode.Host || r.driver().equals("host")) {
        throw new BerthException.InvalidParameter(
            "container cannot be disconnected from host network or connected to host network");
      }
      if (!connected(c, r)) {
        throw new BerthException.Forbidden("container " + c.id() + " is not connected to network " + r.name());
      }
      NetworkState state = c.network();
      if (state.networks().containsKey(r.name())) {
        d.disconnect(r.name(), c.id());
        state = state.without(r.name());
        boolean userLeft = state.networks().keySet().stream().anyMatch(n -> !d.find(n).predefined());
        if (!userLeft) {
          d.stopDns(c.id());
        }
      }
      Map<String, EndpointSettings> config = new LinkedHashMap<>(c.networkingConfig().endpointsConfig());
      config.remove(r.name());
      config.remove(r.id());
      if (r.name().equals("bridge")) {
        config.remove("default");
      }
      NetworkState placed = state;
      ctx.store().update(c.id(), x -> x.withNetwork(placed).withNetworkingConfig(new NetworkingConfig(config)));
      ctx.service().events().publish("network", "disconnect", r.id(), Map.of("container", c.id(), "name",
          r.name(), "type", r.driver()));
    });
  }

  private boolean connected(Container c, NetworkRecord r) {
    if (c.network().networks().containsKey(r.name())) {
      return true;
    }
    return ctx.networks().attachments(c).stream().anyMatch(a -> a.network().name().equals(r.name()));
  }
}
