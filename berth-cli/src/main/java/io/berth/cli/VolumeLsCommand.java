package io.berth.cli;

import io.berth.client.Filters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code volume ls}: Docker's volume formatter over the volumes, in natural order of their names. */
final class VolumeLsCommand extends AbstractCommand {
  static final Map<String, String> HEADER = Map.ofEntries(Map.entry("Name", "VOLUME NAME"),
      Map.entry("Driver", "DRIVER"), Map.entry("Scope", "SCOPE"), Map.entry("Mountpoint", "MOUNTPOINT"),
      Map.entry("Labels", "LABELS"), Map.entry("Links", "LINKS"), Map.entry("Size", "SIZE"),
      Map.entry("Group", "GROUP"), Map.entry("Availability", "AVAILABILITY"), Map.entry("Status", "STATUS"));
  private final Flag filter = flags.list("f", "filter", "filter", "Provide filter values (e.g. \"dangling=true\")");
  private final Flag format = flags.string(null, "format", "string",
      "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or 'TEMPLATE'");
  private final Flag quiet = flags.bool("q", "quiet", "Only display volume names");

  @Override
  public int run(CliContext ctx) {
    Args.none(flags.args(), "volume ls");
    Filters filters = FilterFlags.parse(filter.list(), "volume ls");
    List<Map<String, String>> rows = new ArrayList<>();
    for (Object o : ctx.volumes().list(filters)) {
      rows.add(row((Map<?, ?>) o));
    }
    rows.sort((a, b) -> PortCommand.naturalCompare(a.get("Name"), b.get("Name")));
    String source = format.string().isEmpty() || format.string().equals(OutputFormat.TABLE)
        ? (quiet.isTrue() ? "{{.Name}}" : "table {{.Driver}}\t{{.Name}}") : format.string();
    ctx.out().print(new OutputFormat(source).render(rows, HEADER));
    return 0;
  }

  static Map<String, String> row(Map<?, ?> v) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("Name", String.valueOf(v.get("Name")));
    row.put("Driver", String.valueOf(v.get("Driver")));
    row.put("Scope", String.valueOf(v.get("Scope")));
    row.put("Mountpoint", String.valueOf(v.get("Mountpoint")));
    List<String> labels = new ArrayList<>();
    if (v.get("Labels") instanceof Map<?, ?> m) {
      new TreeMap<>(m).forEach((k, value) -> labels.add(k + "=" + value));
    }
    row.put("Labels", String.join(",", labels));
    Map<?, ?> usage = v.get("UsageData") instanceof Map<?, ?> u ? u : null;
    row.put("Links", usage == null ? "N/A" : String.valueOf(ImageRows.number(usage.get("RefCount"))));
    row.put("Size", usage == null ? "N/A" : io.berth.common.Units.humanSize(ImageRows.number(usage.get("Size"))));
    row.put("Group", "N/A");
    row.put("Availability", "N/A");
    row.put("Status", "N/A");
    return row;
  }
}
