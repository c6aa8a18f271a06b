package io.berth.cli;

/** {@code stop}: Stop one or more running containers. */
final class StopCommand implements BerthCommand {
  private final FlagSet flags = new FlagSet();
  private final Flag signal = flags.string("s", "signal", "string", "Signal to send to the container");
  private final Flag time = flags.integer("t", "time", "int", "Seconds to wait before killing the container");

  @Override
  public FlagSet flags() {
    return flags;
  }

  @Override
  public String use() {
    return "stop [OPTIONS] CONTAINER [CONTAINER...]";
  }

  @Override
  public String description() {
    return "Stop one or more running containers";
  }

  @Override
  public String aliases() {
    return "container stop, stop";
  }

  @Override
  public int run(CliContext ctx) {
    Args.atLeast(flags.args(), 1, "stop");
    Integer timeout = time.changed() ? time.intValue() : null;
    return EachContainer.run(ctx, flags.args(), c -> {
      ctx.containers().stop(c, signal.string(), timeout);
      return c;
    });
  }
}
