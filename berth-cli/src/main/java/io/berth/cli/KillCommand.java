package io.berth.cli;

/** {@code kill}: Kill one or more running containers. */
final class KillCommand extends AbstractCommand {
  private final Flag signal = flags.string("s", "signal", "string", "Signal to send to the container");

  @Override
  public int run(CliContext ctx) {
    Args.atLeast(flags.args(), 1, "kill");
    return EachContainer.run(ctx, flags.args(), c -> {
      ctx.containers().kill(c, signal.string());
      return c;
    });
  }
}
