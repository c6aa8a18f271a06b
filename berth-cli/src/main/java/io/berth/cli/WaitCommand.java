package io.berth.cli;

/** {@code wait}: Block until one or more containers stop, then print their exit codes. */
final class WaitCommand extends AbstractCommand {

  @Override
  public int run(CliContext ctx) {
    Args.atLeast(flags.args(), 1, "wait");
    return EachContainer.run(ctx, flags.args(), c -> {
      try {
        io.berth.client.ContainerClient.WaitResult result =
            io.berth.client.ContainerClient.WaitResult.read(ctx.containers().waitFor(c, ""));
        if (result.error() != null) {
          throw new CliError(result.error(), 1);
        }
        return Long.toString(result.statusCode());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }
}
