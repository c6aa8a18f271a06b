package io.berth.cli;

import io.berth.client.Filters;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code network prune}: removes the custom networks no container uses. */
final class NetworkPruneCommand extends AbstractCommand {
  private static final String WARNING = "WARNING! This will remove all custom networks not used by at least one "
      + "container.\nAre you sure you want to continue?";

  private final Flag force = flags.bool("f", "force", "Do not prompt for confirmation");
  private final Flag filter = flags.list(null, "filter", "filter", "Provide filter values (e.g. \"until=<timestamp>\")");

  @Override
  public int run(CliContext ctx) throws IOException {
    Args.none(flags.args(), "network prune");
    Filters filters = FilterFlags.parse(filter.list(), "network prune");
    if (!force.isTrue() && !ImagePruneCommand.confirm(ctx, WARNING)) {
      return 0; // Docker treats a "no" as a quiet cancellation
    }
    Map<String, Object> report = NetworkCommands.client(ctx).prune(filters);
    if (report.get("NetworksDeleted") instanceof List<?> deleted && !deleted.isEmpty()) {
      StringBuilder sb = new StringBuilder("Deleted Networks:\n");
      deleted.forEach(n -> sb.append(n).append('\n'));
      ctx.out().println(sb);
    }
    return 0;
  }
}
