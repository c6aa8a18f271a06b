package io.berth.cli;

import io.berth.client.Filters;
import java.io.IOException;

/** {@code image prune}: asks Docker's question unless {@code -f}, then reports what went. */
final class ImagePruneCommand extends PruneCommand {
  private final Flag all = flags.bool("a", "all", "Remove all unused images, not just dangling ones");

  static final String ALL_WARNING = "WARNING! This will remove all images without at least one container associated to them.\n"
      + "Are you sure you want to continue?";
  static final String DANGLING_WARNING = "WARNING! This will remove all dangling images.\n"
      + "Are you sure you want to continue?";

  ImagePruneCommand() {
    super("image prune", "until=<timestamp>");
  }

  @Override
  String warning() {
    return all.isTrue() ? ALL_WARNING : DANGLING_WARNING;
  }

  @Override
  void prune(CliContext ctx, Filters filters) throws IOException {
    filters.add("dangling", Boolean.toString(!all.isTrue()));
    PruneReports.print(ctx, PruneReports.images(ctx.client().pruneImages(filters)));
  }
}
