package io.berth.cli;

/** {@code stop}: Stop one or more running containers. */
final class StopCommand extends AbstractCommand {
  private final Flag signal = flags.string("s", "signal", "string", "Signal to send to the container");
  private final Flag time = flags.integer("t", "time", "int", "Seconds to wait before killing the container");

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
