package io.berth.cli;

import io.berth.client.Filters;
import io.berth.common.Units;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code system prune}: stopped containers, unused custom networks, (with {@code --volumes}) unused anonymous
 * volumes, dangling images (all unused ones with {@code -a}), then the build cache (all of it with {@code -a}),
 * in docker/cli's order, with its question and output.
 */
final class SystemPruneCommand extends PruneCommand {
  private final Flag all = flags.bool("a", "all", "Remove all unused images not just dangling ones");
  private final Flag volumes = flags.bool(null, "volumes", "Prune anonymous volumes");

  SystemPruneCommand() {
    super("system prune", "label=<key>=<value>");
  }

  @Override
  void check(Filters filters) {
    if (volumes.isTrue() && filters.contains("until")) {
      throw new CliError("ERROR: The \"until\" filter is not supported with \"--volumes\"", 1);
    }
  }

  @Override
  void prune(CliContext ctx, Filters filters) throws IOException {
    List<PruneReports.Pruned> done = new ArrayList<>();
    done.add(PruneReports.containers(ctx.containers().prune(filters)));
    done.add(PruneReports.networks(NetworkCommands.client(ctx).prune(filters)));
    if (volumes.isTrue()) {
      done.add(PruneReports.volumes(ctx.volumes().prune(filters)));
    }
    done.add(PruneReports.images(ctx.client().pruneImages(filters.copy().add("dangling",
        Boolean.toString(!all.isTrue())))));
    done.add(PruneReports.buildCache(ctx.client().pruneBuildCache(all.isTrue(), filters, 0)));
    long reclaimed = 0;
    for (PruneReports.Pruned p : done) {
      if (!p.details().isEmpty()) {
        ctx.out().println(p.details());
      }
      reclaimed += p.reclaimed();
    }
    ctx.out().println("Total reclaimed space: " + Units.humanSize(reclaimed));
  }

  /** docker/cli's confirmationTemplate over the pruners' messages, in their order. */
  @Override
  String warning() {
    List<String> filterValues = filter.list();
    List<String> warnings = new ArrayList<>(List.of("all stopped containers",
        "all networks not used by at least one container"));
    if (volumes.isTrue()) {
      warnings.add("all anonymous volumes not used by at least one container");
    }
    warnings.add(all.isTrue() ? "all images without at least one container associated to them" : "all dangling images");
    warnings.add(all.isTrue() ? "all build cache" : "unused build cache");
    StringBuilder sb = new StringBuilder("WARNING! This will remove:");
    warnings.forEach(w -> sb.append("\n  - ").append(w));
    sb.append('\n');
    if (!filterValues.isEmpty()) {
      sb.append("\n  Items to be pruned will be filtered with:");
      filterValues.stream().sorted().forEach(f -> sb.append("\n  - ").append(f));
      sb.append('\n');
    }
    return sb.append("\nAre you sure you want to continue?").toString();
  }
}
