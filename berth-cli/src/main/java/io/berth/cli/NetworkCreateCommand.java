package io.berth.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code network create}: Docker's flags, its IPAM consolidation and checks, then the new network's ID. */
final class NetworkCreateCommand extends AbstractCommand {
  private final Flag driver = flags.stringDefault("d", "driver", "string", "Driver to manage the Network", "bridge");
  private final Flag opt = flags.list("o", "opt", "map", "Set driver specific options");
  private final Flag label = flags.list(null, "label", "list", "Set metadata on a network");
  private final Flag internal = flags.bool(null, "internal", "Restrict external access to the network");
  private final Flag ipv4 = flags.boolDefaultTrue(null, "ipv4", "Enable or disable IPv4 address assignment");
  private final Flag ipv6 = flags.bool(null, "ipv6", "Enable or disable IPv6 address assignment");
  private final Flag attachable = flags.bool(null, "attachable", "Enable manual container attachment");
  private final Flag ingress = flags.bool(null, "ingress", "Create swarm routing-mesh network");
  private final Flag scope = flags.string(null, "scope", "string", "Control the network's scope");
  private final Flag configOnly = flags.bool(null, "config-only", "Create a configuration only network");
  private final Flag configFrom = flags.string(null, "config-from", "string",
      "The network from which to copy the configuration");
  private final Flag ipamDriver = flags.stringDefault(null, "ipam-driver", "string", "IP Address Management Driver",
      "default");
  private final Flag subnet = flags.list(null, "subnet", "strings",
      "Subnet in CIDR format that represents a network segment");
  private final Flag ipRange = flags.list(null, "ip-range", "strings", "Allocate container ip from a sub-range");
  private final Flag gateway = flags.list(null, "gateway", "strings", "IPv4 or IPv6 Gateway for the master subnet");
  private final Flag auxAddress = flags.list(null, "aux-address", "map",
      "Auxiliary IPv4 or IPv6 addresses used by Network driver");
  private final Flag ipamOpt = flags.list(null, "ipam-opt", "map", "Set IPAM driver specific options");

  @Override
  public int run(CliContext ctx) throws IOException {
    Args.exactly(flags.args(), 1, "network create");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Name", flags.args().getFirst());
    body.put("Driver", driver.string());
    body.put("Scope", scope.string());
    body.put("EnableIPv4", ipv4.isTrue());
    if (ipv6.changed()) {
      body.put("EnableIPv6", ipv6.isTrue());
    }
    body.put("IPAM", ipam());
    body.put("Internal", internal.isTrue());
    body.put("Attachable", attachable.isTrue());
    body.put("Ingress", ingress.isTrue());
    body.put("ConfigOnly", configOnly.isTrue());
    if (!configFrom.string().isEmpty()) {
      body.put("ConfigFrom", Map.of("Network", configFrom.string()));
    }
    body.put("Options", NetworkCommands.keyValues(opt.list(), false, "--opt"));
    body.put("Labels", NetworkCommands.keyValues(label.list(), false, "--label"));
    Map<String, Object> answer = NetworkCommands.client(ctx).create(body);
    ctx.out().println(answer.get("Id"));
    return 0;
  }

  /** createIPAMConfig: each range, gateway and aux address belongs to exactly one of the subnets. */
  private Map<String, Object> ipam() {
    List<String> subnets = values(subnet);
    List<String> ranges = values(ipRange);
    List<String> gateways = values(gateway);
    if (subnets.size() < ranges.size() || subnets.size() < gateways.size()) {
      throw new CliError("every ip-range or gateway must have a corresponding subnet", 1);
    }
    Map<String, Map<String, Object>> data = new LinkedHashMap<>();
    for (String s : subnets) {
      for (String k : data.keySet()) {
        if (Subnets.matches(s, k) || Subnets.matches(k, s)) {
          throw new CliError("multiple overlapping subnet configuration is not supported", 1);
        }
      }
      Map<String, Object> pool = new LinkedHashMap<>();
      pool.put("Subnet", s);
      pool.put("AuxiliaryAddresses", new LinkedHashMap<String, String>());
      data.put(s, pool);
    }
    assign(ranges, subnets, data, "IPRange", "cannot configure multiple ranges (%s, %s) on the same subnet (%s)",
        "no matching subnet for range %s");
    assign(gateways, subnets, data, "Gateway", "cannot configure multiple gateways (%s, %s) for the same subnet (%s)",
        "no matching subnet for gateway %s");
    NetworkCommands.keyValues(auxAddress.list(), true, "--aux-address").forEach((key, address) -> {
      boolean match = false;
      for (String s : subnets) {
        if (Subnets.matches(s, address)) {
          @SuppressWarnings("unchecked")
          Map<String, String> aux = (Map<String, String>) data.get(s).get("AuxiliaryAddresses");
          aux.put(key, address);
          match = true;
        }
      }
      if (!match) {
        throw new CliError("no matching subnet for aux-address " + address, 1);
      }
    });
    Map<String, Object> ipam = new LinkedHashMap<>();
    ipam.put("Driver", ipamDriver.string());
    ipam.put("Config", new ArrayList<>(data.values()));
    ipam.put("Options", NetworkCommands.keyValues(ipamOpt.list(), true, "--ipam-opt"));
    return ipam;
  }

  private static void assign(List<String> values, List<String> subnets, Map<String, Map<String, Object>> data,
      String field, String twice, String none) {
    for (String v : values) {
      boolean match = false;
      for (String s : subnets) {
        if (!Subnets.matches(s, v)) {
          continue;
        }
        Object earlier = data.get(s).get(field);
        if (earlier != null) {
          throw new CliError(String.format(twice, v, earlier, s), 1);
        }
        data.get(s).put(field, v);
        match = true;
      }
      if (!match) {
        throw new CliError(String.format(none, v), 1);
      }
    }
  }

  /** StringSlice flags take comma-separated values too. */
  private static List<String> values(Flag f) {
    List<String> out = new ArrayList<>();
    for (String v : f.list()) {
      for (String part : v.split(",")) {
        if (!part.isEmpty()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  /** subnetMatches: whether an address (or a CIDR's address) lies in a subnet, IPv4 or IPv6. */
  static final class Subnets {
    private Subnets() {}

    static boolean matches(String subnet, String data) {
      int prefix = prefix(subnet, "invalid subnet: invalid CIDR address: " + subnet);
      String address = data.contains("/") ? data.substring(0, data.indexOf('/')) : data;
      if (data.contains("/")) {
        prefix(data, "invalid CIDR address: " + data);
      }
      if (!FlagValues.isIp(address)) {
        return false;
      }
      byte[] net = InetAddress.ofLiteral(subnet.substring(0, subnet.indexOf('/'))).getAddress();
      byte[] ip = InetAddress.ofLiteral(address).getAddress();
      if (net.length != ip.length) {
        return false; // Go's IPNet.Contains: an IPv4 address is never in an IPv6 subnet, nor the reverse
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((net[bit / 8] & mask) != (ip[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }

    /** The prefix length of {@code a.b.c.d/n} or {@code v6/n}, checked for the family. */
    private static int prefix(String text, String error) {
      int slash = text.indexOf('/');
      if (slash < 0 || !FlagValues.isIp(text.substring(0, slash)) || !text.substring(slash + 1).matches("\\d{1,3}")) {
        throw new CliError(error, 1);
      }
      int prefix = Integer.parseInt(text.substring(slash + 1));
      if (prefix > (text.substring(0, slash).contains(":") ? 128 : 32)) {
        throw new CliError(error, 1);
      }
      return prefix;
    }
  }
}
