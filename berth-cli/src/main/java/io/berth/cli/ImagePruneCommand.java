package io.berth.cli;

import io.berth.client.Filters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** {@code image prune}: asks Docker's question unless {@code -f}, then reports what went. */
final class ImagePruneCommand extends AbstractCommand {
  private final Flag all = flags.bool("a", "all", "Remove all unused images, not just dangling ones");
  private final Flag filter = flags.list(null, "filter", "filter", "Provide filter values (e.g. \"until=<timestamp>\")");
  private final Flag force = flags.bool("f", "force", "Do not prompt for confirmation");

  static final String ALL_WARNING = "WARNING! This will remove all images without at least one container associated to them.\n"
      + "Are you sure you want to continue?";
  static final String DANGLING_WARNING = "WARNING! This will remove all dangling images.\n"
      + "Are you sure you want to continue?";

  @Override
  public int run(CliContext ctx) throws IOException {
    Args.none(flags.args(), "image prune");
    Filters filters = FilterFlags.parse(filter.list(), "image prune").add("dangling", Boolean.toString(!all.isTrue()));
    if (!force.isTrue() && !confirm(ctx, all.isTrue() ? ALL_WARNING : DANGLING_WARNING)) {
      return 0; // Docker treats a "no" as a quiet cancellation
    }
    PruneReports.print(ctx, PruneReports.images(ctx.client().pruneImages(filters)));
    return 0;
  }

  /** Docker's PromptForConfirmation: "y" or "Y" on the first line means yes. */
  static boolean confirm(CliContext ctx, String question) throws IOException {
    ctx.out().print(question + " [y/N] ");
    ctx.out().flush();
    String line = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)).readLine();
    return line != null && line.strip().equalsIgnoreCase("y");
  }
}
