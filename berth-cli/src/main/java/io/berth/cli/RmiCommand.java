package io.berth.cli;

import io.berth.client.DaemonException;
import io.berth.common.BerthException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code rmi} / {@code image rm}: removes each image in turn, printing what the daemon untagged
 * and deleted; failures are collected and reported at the end (only not-found ones are forgiven
 * by {@code -f}), as Docker does.
 */
final class RmiCommand extends AbstractCommand {
  private final Flag force = flags.bool("f", "force", "Force removal of the image");
  private final Flag noPrune = flags.bool(null, "no-prune", "Do not delete untagged parents");
  private final Flag platform = flags.list(null, "platform", "strings",
      "Remove only the given platform variant. Formatted as \"os[/arch[/variant]]\" (e.g., \"linux/amd64\")");

  @Override
  public int run(CliContext ctx) {
    Args.atLeast(flags.args(), 1, "rmi");
    List<String> platforms = PlatformFlag.encodeAll(platform.list());
    List<String> errors = new ArrayList<>();
    boolean fatal = false;
    for (String image : flags.args()) {
      try {
        for (Object o : ctx.client().removeImage(image, force.isTrue(), noPrune.isTrue(), platforms)) {
          Map<?, ?> item = (Map<?, ?>) o;
          if (item.get("Deleted") instanceof String deleted && !deleted.isEmpty()) {
            ctx.out().println("Deleted: " + deleted);
          } else {
            ctx.out().println("Untagged: " + item.get("Untagged"));
          }
        }
      } catch (BerthException | DaemonException e) {
        if (!(e instanceof BerthException.NotFound)) {
          fatal = true;
        }
        errors.add("Error response from daemon: " + e.getMessage());
      }
    }
    if (errors.isEmpty()) {
      return 0;
    }
    String message = String.join("\n", errors);
    if (!force.isTrue() || fatal) {
      throw new CliError(message, 1);
    }
    ctx.out().flush();
    ctx.err().println(message);
    return 0;
  }
}
