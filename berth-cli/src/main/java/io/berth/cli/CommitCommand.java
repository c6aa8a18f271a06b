package io.berth.cli;

import io.berth.client.BerthClient;
import io.berth.client.RequestBody;
import java.util.Map;

/** {@code commit}: Create a new image from a container's changes. */
final class CommitCommand extends AbstractCommand {
  private final Flag author = flags.string("a", "author", "string",
      "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")");
  private final Flag change = flags.list("c", "change", "list", "Apply Dockerfile instruction to the created image");
  private final Flag message = flags.string("m", "message", "string", "Commit message");
  private final Flag pause = flags.bool("p", "pause", "Pause container during commit (default true)");

  @Override
  public int run(CliContext ctx) {
    if (flags.args().isEmpty() || flags.args().size() > 2) {
      Args.exactly(flags.args(), flags.args().isEmpty() ? 1 : 2, "commit");
    }
    BerthClient.Query query = new BerthClient.Query().add("container", flags.args().getFirst());
    if (flags.args().size() == 2) {
      String ref = flags.args().get(1);
      int slash = ref.lastIndexOf('/');
      int colon = ref.lastIndexOf(':');
      if (colon > slash) {
        query.add("repo", ref.substring(0, colon)).add("tag", ref.substring(colon + 1));
      } else {
        query.add("repo", ref).add("tag", "");
      }
    }
    query.add("comment", message.string()).add("author", author.string())
        .add("pause", Boolean.toString(!pause.changed() || pause.isTrue()));
    for (String c : change.list()) {
      query.add("changes", c);
    }
    Object answer = ctx.client().json("POST", "/commit", query, RequestBody.NONE);
    if (answer instanceof Map<?, ?> m) {
      ctx.out().println(m.get("Id"));
    }
    ctx.out().flush();
    return 0;
  }
}
