package io.berth.cli;

import io.berth.client.Filters;
import io.berth.common.Units;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code builder prune}: asks Docker's question unless {@code -f}, then lists what went. */
final class BuilderPruneCommand extends AbstractCommand {
  private final Flag all = flags.bool("a", "all", "Remove all unused build cache, not just dangling ones");
  private final Flag filter = flags.list(null, "filter", "filter", "Provide filter values (e.g. \"until=24h\")");
  private final Flag force = flags.bool("f", "force", "Do not prompt for confirmation");
  private final Flag keepStorage = flags.string(null, "keep-storage", "bytes", "Amount of disk space to keep for cache")
      .convert(FlagValues::memBytes);

  static final String NORMAL_WARNING = "WARNING! This will remove all dangling build cache. Are you sure you want "
      + "to continue?";
  static final String ALL_WARNING = "WARNING! This will remove all build cache. Are you sure you want to continue?";

  @Override
  public int run(CliContext ctx) throws IOException {
    Args.none(flags.args(), "builder prune");
    Filters filters = FilterFlags.parse(filter.list(), "builder prune");
    if (!force.isTrue() && !ImagePruneCommand.confirm(ctx, all.isTrue() ? ALL_WARNING : NORMAL_WARNING)) {
      return 0;
    }
    long keep = keepStorage.string().isEmpty() ? 0 : Long.parseLong(keepStorage.string());
    Map<String, Object> report = ctx.client().pruneBuildCache(all.isTrue(), filters, keep);
    StringBuilder output = new StringBuilder();
    if (report.get("CachesDeleted") instanceof List<?> deleted && !deleted.isEmpty()) {
      output.append("Deleted build cache objects:\n");
      deleted.forEach(id -> output.append(id).append('\n'));
    }
    ctx.out().println(output + " Total reclaimed space: "
        + Units.humanSize(ImageRows.number(report.get("SpaceReclaimed"))));
    return 0;
  }
}
