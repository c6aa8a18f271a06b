package io.berth.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the default bridge's subnet when no {@code --bip} is given: the first private /16
 * that overlaps no route of the host and no host nameserver (Docker's checks). 172.17.0.0/16 is
 * left to a Docker engine that may run beside berth.
 */
final class SubnetPicker {
  private static final Path PROC_ROUTES = Path.of("/proc/net/route");

  private SubnetPicker() {}

  /** 172.18–172.31, then 10.90–10.99: all /16, in that order. */
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

  /** The first candidate clear of {@code routed} subnets and {@code nameservers}. */
  static Cidr pick(List<Cidr> routed, List<String> nameservers) {
    List<Integer> servers = nameservers.stream().filter(s -> !s.contains(":")).map(Cidr::parseAddress).toList();
    for (Cidr candidate : candidates()) {
      boolean clear = routed.stream().noneMatch(candidate::overlaps)
          && servers.stream().noneMatch(candidate::contains);
      if (clear) {
        return candidate;
      }
    }
    throw new NetworkException(
        "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network");
  }

  /** The destinations of the host's IPv4 routes (main table), the default route excluded. */
  static List<Cidr> hostRoutes() {
    List<String> lines;
    try {
      lines = Files.readAllLines(PROC_ROUTES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parseProcRoutes(lines);
  }

  /** /proc/net/route holds destination and mask as little-endian hex words. */
  static List<Cidr> parseProcRoutes(List<String> lines) {
    List<Cidr> routes = new ArrayList<>();
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
      routes.add(new Cidr(dest, Integer.bitCount(mask)));
    }
    return routes;
  }
}
