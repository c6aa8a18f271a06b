package io.berth.engine.fake;

import io.berth.network.Endpoint;
import io.berth.network.NetworkDriver;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A bridge without a kernel, for the engine's unit tests: addresses from 10.99.0.0/24, kept in a map. */
public final class FakeNetwork implements NetworkDriver {
  public final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
  public volatile Set<String> lastSweep;
  private final AtomicInteger next = new AtomicInteger(1);

  @Override
  public Endpoint connect(String containerId, Path netns, String macAddress) {
    int n = next.incrementAndGet();
    String mac = macAddress == null || macAddress.isEmpty() ? Endpoint.dockerMac((10 << 24) | (99 << 16) | n)
        : macAddress;
    Endpoint e = new Endpoint(containerId, "ep" + n, "net", "bridge", "10.99.0." + n, 24, "10.99.0.1", mac,
        "veth" + n, "eth0");
    endpoints.put(containerId, e);
    return e;
  }

  @Override
  public void disconnect(String containerId) {
    endpoints.remove(containerId);
  }

  @Override
  public void loopbackOnly(Path netns) {}

  @Override
  public void sweep(Set<String> live) {
    lastSweep = Set.copyOf(live);
    endpoints.keySet().retainAll(live);
  }

  @Override
  public String resolvConf() {
    return "nameserver 10.99.0.53\n";
  }

  @Override
  public String gateway() {
    return "10.99.0.1";
  }
}
