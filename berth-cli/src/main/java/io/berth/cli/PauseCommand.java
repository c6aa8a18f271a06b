package io.berth.cli;

/** {@code pause}: Pause all processes within one or more containers. */
final class PauseCommand extends AbstractCommand {

  @Override
  public int run(CliContext ctx) {
    Args.atLeast(flags.args(), 1, "pause");
    return EachContainer.run(ctx, flags.args(), c -> {
      ctx.containers().pause(c);
      return c;
    });
  }
}
