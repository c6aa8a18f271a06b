package io.berth.cli;

/** {@code unpause}: Unpause all processes within one or more containers. */
final class UnpauseCommand implements BerthCommand {
  private final FlagSet flags = new FlagSet();


  @Override
  public FlagSet flags() {
    return flags;
  }

  @Override
  public String use() {
    return "unpause CONTAINER [CONTAINER...]";
  }

  @Override
  public String description() {
    return "Unpause all processes within one or more containers";
  }

  @Override
  public String aliases() {
    return "container unpause, unpause";
  }

  @Override
  public int run(CliContext ctx) {
    Args.atLeast(flags.args(), 1, "unpause");
    return EachContainer.run(ctx, flags.args(), c -> {
      ctx.containers().unpause(c);
      return c;
    });
  }
}
