package io.berth.cli;

/** {@code unpause}: Unpause all processes within one or more containers. */
final class UnpauseCommand extends AbstractCommand {

  @Override
  public int run(CliContext ctx) {
    Args.atLeast(flags.args(), 1, "unpause");
    return EachContainer.run(ctx, flags.args(), c -> {
      ctx.containers().unpause(c);
      return c;
    });
  }
}
