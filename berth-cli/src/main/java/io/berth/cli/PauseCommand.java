package io.berth.cli;

/** {@code pause} and {@code unpause}: all processes within one or more containers. */
final class PauseCommand extends AbstractCommand {
  private final boolean pause;

  PauseCommand(boolean pause) {
    this.pause = pause;
  }

  @Override
  public int run(CliContext ctx) {
    Args.atLeast(flags.args(), 1, pause ? "pause" : "unpause");
    return EachContainer.run(ctx, flags.args(), c -> {
      if (pause) {
        ctx.containers().pause(c);
      } else {
        ctx.containers().unpause(c);
      }
      return c;
    });
  }
}
