package io.berth.cli;

import io.berth.client.Filters;
import java.io.IOException;

/** {@code volume prune}: unused anonymous volumes (all unused ones with {@code -a}). */
final class VolumePruneCommand extends AbstractCommand {
  static final String ANONYMOUS_WARNING = "WARNING! This will remove anonymous local volumes not used by at least "
      + "one container.\nAre you sure you want to continue?";
  static final String ALL_WARNING = "WARNING! This will remove all local volumes not used by at least one "
      + "container.\nAre you sure you want to continue?";
  private final Flag all = flags.bool("a", "all", "Remove all unused volumes, not just anonymous ones");
  private final Flag filter = flags.list(null, "filter", "filter", "Provide filter values (e.g. \"label=<label>\")");
  private final Flag force = flags.bool("f", "force", "Do not prompt for confirmation");

  @Override
  public int run(CliContext ctx) throws IOException {
    Args.none(flags.args(), "volume prune");
    Filters filters = FilterFlags.parse(filter.list(), "volume prune");
    if (all.isTrue()) {
      if (filters.contains("all")) {
        throw new CliError("conflicting options: cannot specify both --all and --filter all=1", 1);
      }
      filters.add("all", "true");
    }
    if (!force.isTrue() && !ImagePruneCommand.confirm(ctx, all.isTrue() ? ALL_WARNING : ANONYMOUS_WARNING)) {
      return 0;
    }
    PruneReports.print(ctx, PruneReports.volumes(ctx.volumes().prune(filters)));
    return 0;
  }
}
