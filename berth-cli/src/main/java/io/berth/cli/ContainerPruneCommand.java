package io.berth.cli;

import io.berth.client.Filters;
import io.berth.common.Units;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code container prune}: removes all stopped containers. */
final class ContainerPruneCommand extends AbstractCommand {
  private static final String WARNING = "WARNING! This will remove all stopped containers.\nAre you sure you want to continue?";

  private final Flag filter = flags.list(null, "filter", "filter", "Provide filter values (e.g. \"until=<timestamp>\")");
  private final Flag force = flags.bool("f", "force", "Do not prompt for confirmation");

  @Override
  public int run(CliContext ctx) throws IOException {
    Args.none(flags.args(), "container prune");
    Filters filters = FilterFlags.parse(filter.list(), "container prune");
    if (!force.isTrue() && !ImagePruneCommand.confirm(ctx, WARNING)) {
      return 0;
    }
    Map<String, Object> report = ctx.containers().prune(filters);
    long reclaimed = 0;
    if (report.get("ContainersDeleted") instanceof List<?> deleted && !deleted.isEmpty()) {
      StringBuilder sb = new StringBuilder("Deleted Containers:\n");
      for (Object id : deleted) {
        sb.append(id).append('\n');
      }
      ctx.out().println(sb);
      reclaimed = ImageRows.number(report.get("SpaceReclaimed"));
    }
    ctx.out().println("Total reclaimed space: " + Units.humanSize(reclaimed));
    return 0;
  }
}
