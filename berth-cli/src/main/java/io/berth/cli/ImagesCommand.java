package io.berth.cli;

import io.berth.client.Filters;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code images} / {@code image ls}: list images like Docker's image formatter. */
final class ImagesCommand extends AbstractCommand {
  private final Flag all = flags.bool("a", "all", "Show all images (default hides intermediate images)");
  private final Flag digests = flags.bool(null, "digests", "Show digests");
  private final Flag filter = flags.list("f", "filter", "filter", "Filter output based on conditions provided");
  private final Flag format = flags.string(null, "format", "string", "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or 'TEMPLATE'");
  private final Flag noTrunc = flags.bool(null, "no-trunc", "Don't truncate output");
  private final Flag quiet = flags.bool("q", "quiet", "Only show image IDs");

  @Override
  public int run(CliContext ctx) {
    Args.atMost(flags.args(), 1, "images");
    Filters filters = FilterFlags.parse(filter.list(), "images");
    if (!flags.args().isEmpty()) {
      filters.add("reference", flags.args().getFirst());
    }
    List<Object> images = ctx.client().listImages(all.isTrue(), filters);
    String source = format.string().isEmpty() ? OutputFormat.TABLE : format.string();
    OutputFormat output = new OutputFormat(ImageRows.format(source, quiet.isTrue(), digests.isTrue()));
    boolean needDigest = digests.isTrue() || output.text().contains("{{.Digest}}");
    List<Map<String, String>> rows = new ImageRows(!noTrunc.isTrue(), Instant.now(), ZoneId.systemDefault())
        .rows(images, digests.isTrue(), needDigest);
    ctx.out().print(output.render(rows, ImageRows.HEADER));
    return 0;
  }
}
