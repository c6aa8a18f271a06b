package io.berth.cli;

/** {@code rm}: Remove one or more containers. */
final class RmCommand implements BerthCommand {
  private final FlagSet flags = new FlagSet();
  private final Flag force = flags.bool("f", "force", "Force the removal of a running container (uses SIGKILL)");
  private final Flag link = flags.bool("l", "link", "Remove the specified link");
  private final Flag volumes = flags.bool("v", "volumes", "Remove anonymous volumes associated with the container");

  @Override
  public FlagSet flags() {
    return flags;
  }

  @Override
  public String use() {
    return "rm [OPTIONS] CONTAINER [CONTAINER...]";
  }

  @Override
  public String description() {
    return "Remove one or more containers";
  }

  @Override
  public String aliases() {
    return "container rm, container remove, rm";
  }

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
