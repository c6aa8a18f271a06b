package io.berth.cli;

import io.berth.client.BerthClient;
import io.berth.client.HttpResponse;
import io.berth.common.ImageReference;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/** {@code pull [OPTIONS] NAME[:TAG|@DIGEST]}: the Docker CLI's runPull. */
final class PullCommand extends AbstractCommand {
  private final Flag all = flags.bool("a", "all-tags", "Download all tagged images in the repository");
  private final Flag quiet = flags.bool("q", "quiet", "Suppress verbose output");
  private final Flag platform = flags.string(null, "platform", "string",
      "Set platform if server is multi-platform capable");
  private final Flag contentTrust = ContentTrust.flag(flags);

  @Override
  public int run(CliContext ctx) throws IOException {
    Args.exactly(flags.args(), 1, "pull");
    ContentTrust.refuseVerification(contentTrust, ctx.env(), 1);
    String platformValue = platform.string().isEmpty() ? ctx.env().getOrDefault("DOCKER_DEFAULT_PLATFORM", "")
        : platform.string();
    pull(ctx, flags.args().getFirst(), all.isTrue(), quiet.isTrue(), platformValue, ctx.out());
    return 0;
  }

  /** Pulls as {@code docker pull} does; also what run and create do for a missing image. */
  static void pull(CliContext ctx, String remote, boolean allTags, boolean quiet, String platform, PrintStream out)
      throws IOException {
    ImageReference ref = ImageReference.parse(remote);
    boolean nameOnly = ref.tag() == null && ref.digest() == null;
    if (allTags && !nameOnly) {
      throw new CliError("tag can't be used with --all-tags/-a", 1);
    }
    if (!allTags && nameOnly) {
      ref = ref.withDefaultTag();
      if (!quiet) {
        out.println("Using default tag: " + ImageReference.DEFAULT_TAG);
      }
    }
    stream(ctx, ref, platform, quiet ? new PrintStream(java.io.OutputStream.nullOutputStream()) : out,
        !quiet && Terminal.isTerminal(1));
    out.println(ref);
  }

  /**
   * {@code POST /images/create} for {@code ref} with the credentials the Docker CLI's config holds
   * for its registry, its progress shown on {@code out} (with bars when {@code terminal}).
   */
  static void stream(CliContext ctx, ImageReference ref, String platform, PrintStream out, boolean terminal)
      throws IOException {
    BerthClient.Query query = new BerthClient.Query().add("fromImage", ref.familiarName());
    if (ref.digest() != null) {
      query.add("tag", ref.digest());
    } else if (ref.tag() != null) {
      query.add("tag", ref.tag());
    }
    if (platform != null && !platform.isEmpty()) {
      query.add("platform", platform);
    }
    String auth = DockerConfig.load(ctx.env()).header(ref.domain());
    try (HttpResponse response = ctx.client().call("POST", "/images/create", query, io.berth.client.RequestBody.NONE,
        Map.of("X-Registry-Auth", auth))) {
      ProgressDisplay.show(response.body(), out, terminal, null);
    }
  }
}
