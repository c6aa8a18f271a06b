package io.berth.cli;

import io.berth.client.Filters;
import java.io.IOException;

/** {@code container prune}: removes all stopped containers. */
final class ContainerPruneCommand extends PruneCommand {
  ContainerPruneCommand() {
    super("container prune", "until=<timestamp>");
  }

  @Override
  String warning() {
    return "WARNING! This will remove all stopped containers.\nAre you sure you want to continue?";
  }

  @Override
  void prune(CliContext ctx, Filters filters) throws IOException {
    PruneReports.print(ctx, PruneReports.containers(ctx.containers().prune(filters)));
  }
}
