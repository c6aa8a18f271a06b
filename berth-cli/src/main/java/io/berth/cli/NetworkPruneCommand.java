package io.berth.cli;

import io.berth.client.Filters;
import java.io.IOException;

/** {@code network prune}: removes the custom networks no container uses. */
final class NetworkPruneCommand extends PruneCommand {
  NetworkPruneCommand() {
    super("network prune", "until=<timestamp>");
  }

  @Override
  String warning() {
    return "WARNING! This will remove all custom networks not used by at least one "
        + "container.\nAre you sure you want to continue?";
  }

  @Override
  void prune(CliContext ctx, Filters filters) throws IOException {
    String details = PruneReports.networks(NetworkCommands.client(ctx).prune(filters)).details();
    if (!details.isEmpty()) {
      ctx.out().println(details); // no total: networks reclaim no space
    }
  }
}
