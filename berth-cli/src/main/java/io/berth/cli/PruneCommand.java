package io.berth.cli;

import io.berth.client.Filters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * What Docker's prune commands share: no arguments, {@code --filter}, then Docker's question unless {@code -f},
 * then the prune itself.
 */
abstract class PruneCommand extends AbstractCommand {
  protected final Flag filter;
  private final Flag force = flags.bool("f", "force", "Do not prompt for confirmation");
  private final String path;

  /** {@code filterExample} is the hint in the flag's usage, which differs between the commands. */
  PruneCommand(String path, String filterExample) {
    this.path = path;
    this.filter = flags.list(null, "filter", "filter", "Provide filter values (e.g. \"" + filterExample + "\")");
  }

  @Override
  public final int run(CliContext ctx) throws IOException {
    Args.none(flags.args(), path);
    Filters filters = FilterFlags.parse(filter.list(), path);
    check(filters);
    if (!force.isTrue() && !confirm(ctx, warning())) {
      return 0; // Docker treats a "no" as a quiet cancellation
    }
    prune(ctx, filters);
    return 0;
  }

  /** Refuses or completes the filters before the question is asked; nothing by default. */
  void check(Filters filters) {}

  /** The question, as this command words it. */
  abstract String warning();

  /** Prunes and prints what went. */
  abstract void prune(CliContext ctx, Filters filters) throws IOException;

  /** Docker's PromptForConfirmation: "y" or "Y" on the first line means yes. */
  static boolean confirm(CliContext ctx, String question) throws IOException {
    ctx.out().print(question + " [y/N] ");
    ctx.out().flush();
    String line = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)).readLine();
    return line != null && line.strip().equalsIgnoreCase("y");
  }
}
