package io.berth.cli;

import io.berth.client.Filters;
import java.io.IOException;

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
    PruneReports.print(ctx, PruneReports.containers(ctx.containers().prune(filters)));
    return 0;
  }
}
