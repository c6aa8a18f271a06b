package io.berth.cli;

import io.berth.client.BerthClient;
import io.berth.client.HttpResponse;
import io.berth.client.RequestBody;
import io.berth.common.ImageReference;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/** {@code push [OPTIONS] NAME[:TAG]}: the Docker CLI's runPush. */
final class PushCommand extends AbstractCommand {
  private final Flag all = flags.bool("a", "all-tags", "Push all tags of an image to the repository");
  private final Flag quiet = flags.bool("q", "quiet", "Suppress verbose output");
  private final Flag contentTrust = ContentTrust.flag(flags);

  @Override
  public int run(CliContext ctx) throws IOException {
    Args.exactly(flags.args(), 1, "push");
    ContentTrust.refuseVerification(contentTrust, ctx.env(), 1);
    ImageReference ref = ImageReference.parse(flags.args().getFirst());
    boolean nameOnly = ref.tag() == null && ref.digest() == null;
    if (all.isTrue() && !nameOnly) {
      throw new CliError("tag can't be used with --all-tags/-a", 1);
    }
    if (!all.isTrue() && nameOnly) {
      ref = ref.withDefaultTag();
      if (!quiet.isTrue()) {
        ctx.out().println("Using default tag: " + ImageReference.DEFAULT_TAG);
      }
    }
    BerthClient.Query query = new BerthClient.Query();
    if (ref.tag() != null) {
      query.add("tag", ref.tag());
    }
    String auth = DockerConfig.load(ctx.env()).header(ref.domain());
    String path = "/images/" + BerthClient.pathEscape(ref.familiarName()) + "/push";
    try (HttpResponse response = ctx.client().call("POST", path, query, RequestBody.NONE,
        Map.of("X-Registry-Auth", auth))) {
      if (quiet.isTrue()) {
        ProgressDisplay.show(response.body(), new PrintStream(java.io.OutputStream.nullOutputStream()), false, null);
        ctx.out().println(ref);
      } else {
        ProgressDisplay.show(response.body(), ctx.out(), Terminal.isTerminal(1), null);
      }
    }
    return 0;
  }
}
