package io.berth.cli;

/** {@code restart}: Restart one or more containers. */
final class RestartCommand extends AbstractCommand {
  private final Flag signal = flags.string("s", "signal", "string", "Signal to send to the container");
  private final Flag time = flags.integer("t", "time", "int", "Seconds to wait before killing the container");

  @Override
  public int run(CliContext ctx) {
    Args.atLeast(flags.args(), 1, "restart");
    Integer timeout = time.changed() ? time.intValue() : null;
    return EachContainer.run(ctx, flags.args(), c -> {
      ctx.containers().restart(c, signal.string(), timeout);
      return c;
    });
  }
}
