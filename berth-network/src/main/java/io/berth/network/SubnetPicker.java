package io.berth.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses a network's subnet when none is given: the first candidate of the address pools that overlaps no
 * route of the host, no host nameserver and no other network of the daemon (dockerd's checks). The pools are
 * daemon.json's {@code default-address-pools}, else dockerd's defaults (172.17–31 as /16, 192.168 as /20)
 * without 172.17.0.0/16, which is left to a Docker engine that may run beside berth.
 */
public final class SubnetPicker {
  private static final Path PROC_ROUTES = Path.of("/proc/net/route");

  /** One {@code default-address-pools} entry: {@code base} split into subnets of prefix length {@code size}. */
  public record Pool(Cidr base, int size) {
    public Pool {
      if (size < base.prefixLength() || size > 30) {
        throw new IllegalArgumentException("invalid pool size " + size + " for base " + base);
      }
    }
  }

  /** A route of the host: its destination and device. */
  record Route(Cidr destination, String device) {
    @Override
    public String toString() {
      return destination.network() + " dev " + device;
    }
  }

  private SubnetPicker() {}

  /** dockerd's local-scope defaults, 172.17.0.0/16 excluded. */
  public static List<Pool> defaultPools() {
    return List.of(new Pool(Cidr.parse("172.18.0.0/16"), 16), new Pool(Cidr.parse("172.19.0.0/16"), 16),
        new Pool(Cidr.parse("172.20.0.0/14"), 16), new Pool(Cidr.parse("172.24.0.0/14"), 16),
        new Pool(Cidr.parse("172.28.0.0/14"), 16), new Pool(Cidr.parse("192.168.0.0/16"), 20));
  }

  /** The default bridge's candidates of old (kept so that its subnet does not move): 172.18–31, 10.90–99. */
  static List<Cidr> candidates() {
    List<Cidr> list = new ArrayList<>();
    for (int b = 18; b <= 31; b++) {
      list.add(Cidr.parse("172." + b + ".0.0/16"));
    }
    for (int b = 90; b <= 99; b++) {
      list.add(Cidr.parse("10." + b + ".0.0/16"));
    }
    return list;
  }

  /** The default bridge's subnet: the first of {@link #candidates} clear of routes and nameservers. */
  static Cidr pick(List<Cidr> routed, List<String> nameservers) {
    List<Route> routes = routed.stream().map(c -> new Route(c, "?")).toList();
    return pick(candidates(), routes, nameservers, List.of());
  }

  /** A user network's subnet from {@code pools}, clear of routes, nameservers and the daemon's networks. */
  static Cidr pick(List<Pool> pools, List<String> nameservers, List<Cidr> networks) {
    List<Cidr> candidates = new ArrayList<>();
    for (Pool p : pools) {
      long count = 1L << (p.size() - p.base().prefixLength());
      long step = 1L << (32 - p.size());
      for (long i = 0; i < count && candidates.size() < 65536; i++) {
        candidates.add(new Cidr((int) (p.base().network().address() + i * step), p.size()));
      }
    }
    return pick(candidates, routes(), nameservers, networks);
  }

  private static Cidr pick(List<Cidr> candidates, List<Route> routes, List<String> nameservers,
      List<Cidr> networks) {
    List<Integer> servers = nameservers.stream().filter(s -> !s.contains(":")).map(Cidr::parseAddress).toList();
    Set<String> blockers = new LinkedHashSet<>();
    for (Cidr candidate : candidates) {
      boolean clear = true;
      for (Route r : routes) {
        if (candidate.overlaps(r.destination())) {
          blockers.add("route " + r);
          clear = false;
        }
      }
      for (Cidr n : networks) {
        if (candidate.overlaps(n)) {
          blockers.add("network " + n.network());
          clear = false;
        }
      }
      for (int s : servers) {
        if (candidate.contains(s)) {
          blockers.add("nameserver " + Cidr.formatAddress(s));
          clear = false;
        }
      }
      if (clear) {
        return candidate;
      }
    }
    throw new NetworkException("could not find an available, non-overlapping IPv4 address pool among the defaults "
        + "to assign to the network" + (blockers.isEmpty() ? "" : " (taken by: " + String.join(", ", blockers) + ")"));
  }

  /** The destinations of the host's IPv4 routes (main table), the default route excluded. */
  static List<Cidr> hostRoutes() {
    return routes().stream().map(Route::destination).toList();
  }

  static List<Route> routes() {
    List<String> lines;
    try {
      lines = Files.readAllLines(PROC_ROUTES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parseRoutes(lines);
  }

  static List<Cidr> parseProcRoutes(List<String> lines) {
    return parseRoutes(lines).stream().map(Route::destination).toList();
  }

  /** /proc/net/route holds destination and mask as little-endian hex words. */
  static List<Route> parseRoutes(List<String> lines) {
    List<Route> routes = new ArrayList<>();
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 8) {
        continue;
      }
      int dest = Integer.reverseBytes(Integer.parseUnsignedInt(f[1], 16));
      int mask = Integer.reverseBytes(Integer.parseUnsignedInt(f[7], 16));
      if (mask == 0) {
        continue; // a default route overlaps everything and says nothing
      }
      routes.add(new Route(new Cidr(dest, Integer.bitCount(mask)), f[0]));
    }
    return routes;
  }
}
