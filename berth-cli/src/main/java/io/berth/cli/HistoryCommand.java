package io.berth.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code history IMAGE}. */
final class HistoryCommand extends AbstractCommand {
  private final Flag format = flags.string(null, "format", "string", "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or 'TEMPLATE'");
  private final Flag human = flags.boolDefaultTrue("H", "human", "Print sizes and dates in human readable format");
  private final Flag noTrunc = flags.bool(null, "no-trunc", "Don't truncate output");
  private final Flag quiet = flags.bool("q", "quiet", "Only show image IDs");
  private final Flag platform = flags.string(null, "platform", "string",
      "Show history for the given platform. Formatted as \"os[/arch[/variant]]\" (e.g., \"linux/amd64\")");

  @Override
  public int run(CliContext ctx) {
    Args.exactly(flags.args(), 1, "history");
    String forPlatform = PlatformFlag.encode(ctx, platform.string(), "1.48", "invalid platform: ");
    List<Object> history = ctx.client().imageHistory(flags.args().getFirst(), forPlatform);
    OutputFormat output = new OutputFormat(HistoryRows.format(format.string().isEmpty() ? OutputFormat.TABLE : format.string(), quiet.isTrue(), human.isTrue()));
    ctx.out().print(output.render(HistoryRows.rows(history, !noTrunc.isTrue(), human.isTrue(), Instant.now()), HistoryRows.HEADER));
    return 0;
  }
}
