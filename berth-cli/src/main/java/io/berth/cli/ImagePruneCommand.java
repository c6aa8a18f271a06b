package io.berth.cli;

import io.berth.client.Filters;
import io.berth.common.Units;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    Map<String, Object> report = ctx.client().pruneImages(filters);
    if (report.get("ImagesDeleted") instanceof List<?> deleted && !deleted.isEmpty()) {
      StringBuilder sb = new StringBuilder("Deleted Images:\n");
      for (Object o : deleted) {
        Map<?, ?> item = (Map<?, ?>) o;
        if (item.get("Untagged") instanceof String untagged && !untagged.isEmpty()) {
          sb.append("untagged: ").append(untagged).append('\n');
        } else {
          sb.append("deleted: ").append(item.get("Deleted")).append('\n');
        }
      }
      ctx.out().println(sb);
    }
    ctx.out().println("Total reclaimed space: " + Units.humanSize(ImageRows.number(report.get("SpaceReclaimed"))));
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
