package io.berth.cli;

/** {@code stop} and {@code restart}: the same flags and loop, sent to a different endpoint. */
final class StopCommand extends AbstractCommand {
  private final boolean restart;
  private final Flag signal = flags.string("s", "signal", "string", "Signal to send to the container");
  private final Flag time = flags.integer("t", "time", "int", "Seconds to wait before killing the container");

  StopCommand(boolean restart) {
    this.restart = restart;
  }

  @Override
  public int run(CliContext ctx) {
    Args.atLeast(flags.args(), 1, restart ? "restart" : "stop");
    Integer timeout = time.changed() ? time.intValue() : null;
    return EachContainer.run(ctx, flags.args(), c -> {
      if (restart) {
        ctx.containers().restart(c, signal.string(), timeout);
      } else {
        ctx.containers().stop(c, signal.string(), timeout);
      }
      return c;
    });
  }
}
