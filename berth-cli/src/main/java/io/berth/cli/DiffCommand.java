package io.berth.cli;

import io.berth.client.RequestBody;
import java.util.List;
import java.util.Map;

/** {@code diff}: Inspect changes to files or directories on a container's filesystem. */
final class DiffCommand extends AbstractCommand {
  private static final String[] KINDS = {"C", "A", "D"};

  @Override
  public int run(CliContext ctx) {
    Args.exactly(flags.args(), 1, "diff");
    Object changes = ctx.client().json("GET", "/containers/" + flags.args().getFirst() + "/changes", null,
        RequestBody.NONE);
    if (changes instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m && m.get("Kind") instanceof Number kind) {
          ctx.out().println(KINDS[kind.intValue()] + " " + m.get("Path"));
        }
      }
    }
    ctx.out().flush();
    return 0;
  }
}
