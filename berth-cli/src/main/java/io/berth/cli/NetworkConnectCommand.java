package io.berth.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code network connect} and {@code network disconnect}: a container joins or leaves a network. */
final class NetworkConnectCommand extends AbstractCommand {
  private final boolean connect;
  private final Flag ip;
  private final Flag ip6;
  private final Flag link;
  private final Flag alias;
  private final Flag linkLocalIp;
  private final Flag driverOpt;
  private final Flag gwPriority;
  private final Flag force;

  NetworkConnectCommand(boolean connect) {
    this.connect = connect;
    if (connect) {
      ip = flags.string(null, "ip", "string", "IPv4 address (e.g., \"172.30.100.104\")");
      ip6 = flags.string(null, "ip6", "string", "IPv6 address (e.g., \"2001:db8::33\")");
      link = flags.list(null, "link", "list", "Add link to another container").convert(FlagValues::link);
      alias = flags.list(null, "alias", "strings", "Add network-scoped alias for the container");
      linkLocalIp = flags.list(null, "link-local-ip", "strings", "Add a link-local address for the container");
      driverOpt = flags.list(null, "driver-opt", "strings", "driver options for the network");
      gwPriority = flags.integer(null, "gw-priority", "int",
          "Highest gw-priority provides the default gateway. Accepts positive and negative values.");
      force = null;
    } else {
      ip = ip6 = link = alias = linkLocalIp = driverOpt = gwPriority = null;
      force = flags.bool("f", "force", "Force the container to disconnect from a network");
    }
  }

  @Override
  public int run(CliContext ctx) throws IOException {
    String path = connect ? "network connect" : "network disconnect";
    Args.exactly(flags.args(), 2, path);
    String network = flags.args().get(0);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Container", flags.args().get(1));
    if (connect) {
      Map<String, Object> ipam = new LinkedHashMap<>();
      ipam.put("IPv4Address", ip.string());
      ipam.put("IPv6Address", ip6.string());
      ipam.put("LinkLocalIPs", split(linkLocalIp));
      Map<String, Object> endpoint = new LinkedHashMap<>();
      endpoint.put("IPAMConfig", ipam);
      endpoint.put("Links", link.list().isEmpty() ? null : link.list());
      endpoint.put("Aliases", split(alias));
      endpoint.put("DriverOpts", driverOpts(split(driverOpt)));
      endpoint.put("GwPriority", gwPriority.intValue());
      body.put("EndpointConfig", endpoint);
      NetworkCommands.client(ctx).connect(network, body);
    } else {
      body.put("Force", force.isTrue());
      NetworkCommands.client(ctx).disconnect(network, body);
    }
    return 0;
  }

  private static List<String> split(Flag f) {
    List<String> out = new ArrayList<>();
    f.list().forEach(v -> out.addAll(List.of(v.split(","))));
    return out;
  }

  private static Map<String, String> driverOpts(List<String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String v : values) {
      int eq = v.indexOf('=');
      if (eq < 0 || v.substring(0, eq).isBlank()) {
        throw new CliError("invalid key/value pair format in driver options", 1);
      }
      out.put(v.substring(0, eq).strip(), v.substring(eq + 1).strip());
    }
    return out.isEmpty() ? null : out;
  }
}
