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
  private final Flag platform = flags.string(null, "platform", "string", "Push a platform-specific manifest as a"
      + " single-platform image to the registry.\nImage index won't be pushed, meaning that other manifests, including"
      + " attestations won't be preserved.\n'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)");

  @Override
  public int run(CliContext ctx) throws IOException {
    Args.exactly(flags.args(), 1, "push");
    ContentTrust.refuseVerification(contentTrust, ctx.env(), 1);
    String onlyPlatform = null;
    if (!platform.string().isEmpty()) {
      try {
        onlyPlatform = PlatformFlag.json(platform.string(), "");
      } catch (CliError e) {
        ctx.err().print("Invalid platform " + platform.string()); // the Docker CLI's words, without a newline
        throw e;
      }
      InfoNote.print(ctx.out(), Terminal.isTerminal(1), """
          Using --platform pushes only the specified platform manifest of a multi-platform image index.
          Other components, like attestations, will not be included.
          To push the complete multi-platform image, remove the --platform flag.
          """);
    }
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
    if (onlyPlatform != null) {
      PlatformFlag.requireApi(ctx, "1.46");
      query.add("platform", onlyPlatform);
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
