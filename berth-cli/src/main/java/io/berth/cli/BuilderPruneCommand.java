package io.berth.cli;

import io.berth.client.Filters;
import io.berth.common.Units;
import java.io.IOException;

/** {@code builder prune}: asks Docker's question unless {@code -f}, then lists what went. */
final class BuilderPruneCommand extends PruneCommand {
  private final Flag all = flags.bool("a", "all", "Remove all unused build cache, not just dangling ones");
  private final Flag keepStorage = flags.string(null, "keep-storage", "bytes", "Amount of disk space to keep for cache")
      .convert(FlagValues::memBytes);

  static final String NORMAL_WARNING = "WARNING! This will remove all dangling build cache. Are you sure you want "
      + "to continue?";
  static final String ALL_WARNING = "WARNING! This will remove all build cache. Are you sure you want to continue?";

  BuilderPruneCommand() {
    super("builder prune", "until=24h");
  }

  @Override
  String warning() {
    return all.isTrue() ? ALL_WARNING : NORMAL_WARNING;
  }

  @Override
  void prune(CliContext ctx, Filters filters) throws IOException {
    long keep = keepStorage.string().isEmpty() ? 0 : Long.parseLong(keepStorage.string());
    PruneReports.Pruned pruned = PruneReports.buildCache(ctx.client().pruneBuildCache(all.isTrue(), filters, keep));
    // docker/cli's Fprintln(output, "Total reclaimed space:", ...): on the same line, after a space
    ctx.out().println(pruned.details() + " Total reclaimed space: " + Units.humanSize(pruned.reclaimed()));
  }
}
