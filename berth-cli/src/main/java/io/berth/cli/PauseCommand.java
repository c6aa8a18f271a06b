package io.berth.cli;

/** {@code pause}: Pause all processes within one or more containers. */
final class PauseCommand implements BerthCommand {
  private final FlagSet flags = new FlagSet();


  @Override
  public FlagSet flags() {
    return flags;
  }

  @Override
  public String use() {
    return "pause CONTAINER [CONTAINER...]";
  }

  @Override
  public String description() {
    return "Pause all processes within one or more containers";
  }

  @Override
  public String aliases() {
    return "container pause, pause";
  }

  @Override
  public int run(CliContext ctx) {
    Args.atLeast(flags.args(), 1, "pause");
    return EachContainer.run(ctx, flags.args(), c -> {
      ctx.containers().pause(c);
      return c;
    });
  }
}
