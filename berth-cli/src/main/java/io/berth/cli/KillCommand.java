package io.berth.cli;

/** {@code kill}: Kill one or more running containers. */
final class KillCommand implements BerthCommand {
  private final FlagSet flags = new FlagSet();
  private final Flag signal = flags.string("s", "signal", "string", "Signal to send to the container");

  @Override
  public FlagSet flags() {
    return flags;
  }

  @Override
  public String use() {
    return "kill [OPTIONS] CONTAINER [CONTAINER...]";
  }

  @Override
  public String description() {
    return "Kill one or more running containers";
  }

  @Override
  public String aliases() {
    return "container kill, kill";
  }

  @Override
  public int run(CliContext ctx) {
    Args.atLeast(flags.args(), 1, "kill");
    return EachContainer.run(ctx, flags.args(), c -> {
      ctx.containers().kill(c, signal.string());
      return c;
    });
  }
}
