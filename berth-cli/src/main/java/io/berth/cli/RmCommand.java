package io.berth.cli;

/** {@code rm}: Remove one or more containers. */
final class RmCommand extends AbstractCommand {
  private final Flag force = flags.bool("f", "force", "Force the removal of a running container (uses SIGKILL)");
  private final Flag link = flags.bool("l", "link", "Remove the specified link");
  private final Flag volumes = flags.bool("v", "volumes", "Remove anonymous volumes associated with the container");

  @Override
  public int run(CliContext ctx) {
    Args.atLeast(flags.args(), 1, "rm");
    return EachContainer.run(ctx, flags.args(), c -> {
      String id = c.replaceAll("^/+|/+$", "");
      if (id.isEmpty()) {
        throw new CliError("container name cannot be empty", 1);
      }
      ctx.containers().remove(id, force.isTrue(), volumes.isTrue(), link.isTrue());
      return c;
    }, force.isTrue());
  }
}
