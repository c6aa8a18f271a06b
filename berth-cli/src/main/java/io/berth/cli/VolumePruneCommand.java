package io.berth.cli;

import io.berth.client.Filters;
import java.io.IOException;

/** {@code volume prune}: unused anonymous volumes (all unused ones with {@code -a}). */
final class VolumePruneCommand extends PruneCommand {
  static final String ANONYMOUS_WARNING = "WARNING! This will remove anonymous local volumes not used by at least "
      + "one container.\nAre you sure you want to continue?";
  static final String ALL_WARNING = "WARNING! This will remove all local volumes not used by at least one "
      + "container.\nAre you sure you want to continue?";
  private final Flag all = flags.bool("a", "all", "Remove all unused volumes, not just anonymous ones");

  VolumePruneCommand() {
    super("volume prune", "label=<label>");
  }

  @Override
  void check(Filters filters) {
    if (all.isTrue()) {
      if (filters.contains("all")) {
        throw new CliError("conflicting options: cannot specify both --all and --filter all=1", 1);
      }
      filters.add("all", "true");
    }
  }

  @Override
  String warning() {
    return all.isTrue() ? ALL_WARNING : ANONYMOUS_WARNING;
  }

  @Override
  void prune(CliContext ctx, Filters filters) throws IOException {
    PruneReports.print(ctx, PruneReports.volumes(ctx.volumes().prune(filters)));
  }
}
