package io.berth.cli;

import io.berth.client.Filters;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code ps} / {@code container ls}: lists containers like Docker's container formatter. */
final class PsCommand extends AbstractCommand {
  private final Flag all = flags.bool("a", "all", "Show all containers (default shows just running)");
  private final Flag filter = flags.list("f", "filter", "filter", "Filter output based on conditions provided");
  private final Flag format = flags.string(null, "format", "string",
      "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or 'TEMPLATE'");
  private final Flag last = flags.stringDefault("n", "last", "int", "Show n last created containers (includes all states)",
      "-1").convert(FlagSet::parseInt);
  private final Flag latest = flags.bool("l", "latest", "Show the latest created container (includes all states)");
  private final Flag noTrunc = flags.bool(null, "no-trunc", "Don't truncate output");
  private final Flag quiet = flags.bool("q", "quiet", "Only display container IDs");
  private final Flag size = flags.bool("s", "size", "Display total file sizes");

  @Override
  public int run(CliContext ctx) {
    Args.none(flags.args(), "ps");
    Filters filters = FilterFlags.parse(filter.list(), "ps");
    int limit = last.intValue();
    if (latest.isTrue() && limit == -1) {
      limit = 1;
    }
    String source = format.string();
    boolean withSize = size.isTrue();
    if (!source.isEmpty() && !quiet.isTrue() && !withSize && !size.changed() && source.contains(".Size")) {
      withSize = true;
    }
    List<Object> containers = ctx.containers().list(all.isTrue(), limit, withSize, filters);
    OutputFormat output = new OutputFormat(ContainerRows.format(source, quiet.isTrue(), size.isTrue()));
    ContainerRows rows = new ContainerRows(!noTrunc.isTrue(), Instant.now(), ZoneId.systemDefault());
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object c : containers) {
      @SuppressWarnings("unchecked")
      Map<String, Object> container = (Map<String, Object>) c;
      out.add(rows.row(container));
    }
    ctx.out().print(output.render(out, ContainerRows.HEADER));
    return 0;
  }
}
