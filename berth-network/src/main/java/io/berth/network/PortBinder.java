package io.berth.network;

import io.berth.common.BerthException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host side of published ports, as libnetwork's portmapper and portallocator: expands each request into
 * its IPv4 mapping (and, with the userland proxy on, its IPv6 one, as dockerd does), picks free host ports
 * from the ephemeral range for requests without one, refuses a port another container holds in dockerd's
 * words, and holds each port by a socket bound in berthd (dockerd's dummy proxy), which also finds the ports
 * that other programs of the host hold.
 *
 * <p>IPv4 traffic is forwarded by NAT ({@link Firewall}); the sockets accept only what NAT does not catch:
 * IPv6 host addresses (the container has IPv4 only) and everything when the daemon runs without iptables.
 * Those connections are relayed by {@link PortForwarder}, inside berthd, one listener for every port:
 * never a process per port.
 */
final class PortBinder {
  private static final Path PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  /** The daemon's port settings (dockerd's --ip, --userland-proxy, --iptables). */
  record Settings(String defaultHostIp, boolean userlandProxy, boolean nat) {}

  private final Settings settings;
  private final int rangeStart;
  private final int rangeEnd;
  private final Map<PortMapping, Channel> held = new ConcurrentHashMap<>();
  private int lastAllocated;

  PortBinder(Settings settings) {
    this.settings = settings;
    int[] range = ephemeralRange();
    this.rangeStart = range[0];
    this.rangeEnd = range[1];
    this.lastAllocated = rangeStart - 1;
  }

  /** The kernel's ephemeral port range, as dockerd reads it; 49153-65535 when unreadable. */
  private static int[] ephemeralRange() {
    try {
      // Files.readString reads one byte of a /proc file (its size is 0): read lines
      String[] f = Files.readAllLines(PORT_RANGE).getFirst().strip().split("\\s+");
      return new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])};
    } catch (IOException | RuntimeException e) {
      return new int[] {49153, 65535};
    }
  }

  /**
   * Binds every request of an endpoint, or none: a failure releases what this call bound and throws in
   * dockerd's words ("Bind for 0.0.0.0:8080 failed: port is already allocated").
   */
  synchronized List<PortMapping> bind(String containerIp, List<PortRequest> requests) {
    List<PortMapping> done = new ArrayList<>();
    try {
      for (PortRequest r : requests) {
        String hostIp = r.hostIp().isEmpty() ? settings.defaultHostIp() : r.hostIp();
        boolean v6Host = hostIp.contains(":");
        if (v6Host && !settings.userlandProxy()) {
          continue; // dockerd maps an IPv6 host address to the container's IPv6 address only, which it lacks
        }
        boolean dual = hostIp.equals("0.0.0.0") && settings.userlandProxy() && ipv6Available();
        int port = r.hostPortStart() == 0 ? allocate(r.proto(), hostIp, dual, rangeStart, rangeEnd, true)
            : allocate(r.proto(), hostIp, dual, r.hostPortStart(), r.hostPortEnd(), false);
        PortMapping m = new PortMapping(r.proto(), hostIp, port, containerIp, r.containerPort());
        done.add(m);
        if (dual) {
          PortMapping v6 = new PortMapping(r.proto(), "::", port, containerIp, r.containerPort());
          held.put(key(v6), held.get(key(m))); // one dual-stack socket holds both
          done.add(v6);
        }
      }
      return done;
    } catch (RuntimeException e) {
      release(done);
      throw e;
    }
  }

  /** The first free port of [start, end]: a range asks for any of it, a single port for exactly it. */
  private int allocate(String proto, String hostIp, boolean dual, int start, int end, boolean roundRobin) {
    int size = end - start + 1;
    int from = roundRobin && lastAllocated >= start && lastAllocated < end ? lastAllocated + 1 : start;
    RuntimeException firstFailure = null;
    for (int i = 0; i < size; i++) {
      int port = start + Math.floorMod(from - start + i, size);
      if (allocated(proto, hostIp, port)) {
        if (size == 1) {
          throw new NetworkException("Bind for " + hostIp + ":" + port + " failed: port is already allocated");
        }
        continue;
      }
      try {
        Channel channel = open(proto, hostIp, port, dual);
        held.put(new PortMapping(proto, hostIp, port, "", 0), channel);
        if (roundRobin) {
          lastAllocated = port;
        }
        return port;
      } catch (IOException e) {
        if (firstFailure == null) {
          firstFailure = new NetworkException("Error starting userland proxy: listen " + proto
              + (hostIp.contains(":") ? "6 [" + hostIp + "]" : "4 " + hostIp) + ":" + port + ": bind: "
              + bindError(e));
        }
      }
    }
    if (roundRobin || size > 1) {
      throw firstFailure != null && size == 1 ? firstFailure
          : new NetworkException("Bind for " + hostIp + ":" + start + "-" + end + " failed: all ports are allocated");
    }
    throw firstFailure;
  }

  private static String bindError(IOException e) {
    String m = String.valueOf(e.getMessage());
    return m.toLowerCase(java.util.Locale.ROOT).contains("in use") ? "address already in use"
        : m.toLowerCase(java.util.Locale.ROOT).contains("assign") ? "cannot assign requested address" : m;
  }

  /** Whether another container holds {@code port} on an address that overlaps {@code hostIp}. */
  private boolean allocated(String proto, String hostIp, int port) {
    for (PortMapping m : held.keySet()) {
      if (m.proto().equals(proto) && m.hostPort() == port
          && (m.hostIp().equals(hostIp) || m.anyAddress() || hostIp.equals("0.0.0.0") || hostIp.equals("::"))) {
        return true;
      }
    }
    return false;
  }

  private Channel open(String proto, String hostIp, int port, boolean dual) throws IOException {
    InetAddress address = dual ? InetAddress.getByName("::") : literal(hostIp);
    StandardProtocolFamily family = dual || hostIp.contains(":") ? StandardProtocolFamily.INET6
        : StandardProtocolFamily.INET;
    InetSocketAddress at = new InetSocketAddress(address, port);
    switch (proto) {
      case "tcp" -> {
        ServerSocketChannel s = ServerSocketChannel.open(family);
        try {
          s.bind(at, 128);
        } catch (IOException e) {
          s.close();
          throw e;
        }
        return s;
      }
      case "udp" -> {
        DatagramChannel d = DatagramChannel.open(family);
        try {
          d.bind(at);
        } catch (IOException e) {
          d.close();
          throw e;
        }
        return d;
      }
      default -> throw new BerthException.InvalidParameter("berth does not support publishing " + proto
          + " ports yet");
    }
  }

  private static InetAddress literal(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      throw new BerthException.InvalidParameter("invalid host IP " + ip);
    }
  }

  private static boolean ipv6Available() {
    return Files.exists(Path.of("/proc/net/if_inet6"));
  }

  /**
   * Starts relaying what reaches the sockets of {@code mappings} (bound by {@link #bind} or {@link #rebind}) to
   * the container: IPv6 ones always, IPv4 ones when there is no NAT.
   */
  void forward(List<PortMapping> mappings, PortForwarder forwarder) {
    java.util.Set<Channel> served = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (PortMapping m : mappings) {
      Channel c = held.get(key(m));
      // a dual-stack socket sits under both of its mappings: it is served once
      if (c != null && (m.ipv6() || !settings.nat()) && served.add(c)) {
        forwarder.serve(c, new InetSocketAddress(literal(m.containerIp()), m.containerPort()));
      }
    }
  }

  /** After a restart: holds the ports of live endpoints again; a port another program took is reported. */
  synchronized List<String> rebind(List<PortMapping> mappings) {
    List<String> problems = new ArrayList<>();
    for (PortMapping m : mappings) {
      if (held.containsKey(key(m))) {
        continue;
      }
      boolean dual = m.hostIp().equals("0.0.0.0") && mappings.stream().anyMatch(o -> o.hostIp().equals("::")
          && o.hostPort() == m.hostPort() && o.proto().equals(m.proto()));
      if (m.hostIp().equals("::") && mappings.stream().anyMatch(o -> o.hostIp().equals("0.0.0.0")
          && o.hostPort() == m.hostPort() && o.proto().equals(m.proto()))) {
        continue; // held by the dual-stack socket of its IPv4 twin
      }
      try {
        Channel c = open(m.proto(), m.hostIp(), m.hostPort(), dual);
        held.put(key(m), c);
        if (dual) {
          held.put(key(new PortMapping(m.proto(), "::", m.hostPort(), "", 0)), c);
        }
      } catch (IOException | RuntimeException e) {
        problems.add(m.hostIp() + ":" + m.hostPort() + "/" + m.proto() + ": " + e.getMessage());
      }
    }
    return problems;
  }

  /** Closes the sockets of {@code mappings}; the ports are free again. */
  synchronized void release(List<PortMapping> mappings) {
    for (PortMapping m : mappings) {
      Channel c = held.remove(key(m));
      if (c != null) {
        try {
          c.close();
        } catch (IOException ignored) {
          // closed anyway
        }
      }
    }
  }

  private static PortMapping key(PortMapping m) {
    return new PortMapping(m.proto(), m.hostIp(), m.hostPort(), "", 0);
  }
}
