package io.berth.cli;

import io.berth.client.Filters;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code network ls}: the networks sorted by name, in Docker's table, {@code -q}, {@code --format}. */
final class NetworkListCommand extends AbstractCommand {
  static final String DEFAULT_TABLE = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";
  static final Map<String, String> HEADER = Map.of("ID", "NETWORK ID", "Name", "NAME", "Driver", "DRIVER",
      "Scope", "SCOPE", "IPv4", "IPV4", "IPv6", "IPV6", "Internal", "INTERNAL", "Labels", "LABELS",
      "CreatedAt", "CREATED AT");

  private final Flag quiet = flags.bool("q", "quiet", "Only display network IDs");
  private final Flag noTrunc = flags.bool(null, "no-trunc", "Do not truncate the output");
  private final Flag format = flags.string(null, "format", "string", "Format output using a custom template:\n"
      + "'table':            Print output in table format with column headers (default)\n"
      + "'table TEMPLATE':   Print output in table format using the given Go template\n"
      + "'json':             Print in JSON format\n"
      + "'TEMPLATE':         Print output using the given Go template.\n"
      + "Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates");
  private final Flag filter = flags.list("f", "filter", "filter", "Provide filter values (e.g. \"driver=bridge\")");

  @Override
  public int run(CliContext ctx) throws IOException {
    Args.none(flags.args(), "network ls");
    Filters filters = FilterFlags.parse(filter.list(), "network ls");
    List<Object> networks = new ArrayList<>(NetworkCommands.client(ctx).list(filters));
    networks.sort((a, b) -> PortCommand.naturalCompare(name(a), name(b)));
    String source = format.string().isEmpty() ? OutputFormat.TABLE : format.string();
    String text = source.equals(OutputFormat.TABLE) ? (quiet.isTrue() ? "{{.ID}}" : DEFAULT_TABLE)
        : source.equals("raw") ? (quiet.isTrue() ? "network_id: {{.ID}}"
            : "network_id: {{.ID}}\\nname: {{.Name}}\\ndriver: {{.Driver}}\\nscope: {{.Scope}}\\n")
        : source;
    List<Map<String, String>> rows = new ArrayList<>();
    for (Object o : networks) {
      rows.add(row((Map<?, ?>) o, !noTrunc.isTrue()));
    }
    ctx.out().print(new OutputFormat(text).render(rows, HEADER));
    return 0;
  }

  private static String name(Object network) {
    return String.valueOf(((Map<?, ?>) network).get("Name"));
  }

  private static Map<String, String> row(Map<?, ?> n, boolean trunc) {
    Map<String, String> row = new LinkedHashMap<>();
    String id = String.valueOf(n.get("Id"));
    row.put("CreatedAt", n.get("Created") instanceof String c
        ? GoTime.string(Instant.parse(c).getEpochSecond(), ZoneId.systemDefault()) : "");
    row.put("Driver", String.valueOf(n.get("Driver")));
    row.put("ID", trunc && id.length() > 12 ? id.substring(0, 12) : id);
    row.put("IPv4", String.valueOf(!Boolean.FALSE.equals(n.get("EnableIPv4"))));
    row.put("IPv6", String.valueOf(Boolean.TRUE.equals(n.get("EnableIPv6"))));
    row.put("Internal", String.valueOf(Boolean.TRUE.equals(n.get("Internal"))));
    List<String> labels = new ArrayList<>();
    if (n.get("Labels") instanceof Map<?, ?> l) {
      l.forEach((k, v) -> labels.add(k + "=" + v));
    }
    row.put("Labels", String.join(",", labels));
    row.put("Name", String.valueOf(n.get("Name")));
    row.put("Scope", String.valueOf(n.get("Scope")));
    return row;
  }
}
