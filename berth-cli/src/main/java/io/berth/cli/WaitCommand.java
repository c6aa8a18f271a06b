package io.berth.cli;

/** {@code wait}: Block until one or more containers stop, then print their exit codes. */
final class WaitCommand implements BerthCommand {
  private final FlagSet flags = new FlagSet();


  @Override
  public FlagSet flags() {
    return flags;
  }

  @Override
  public String use() {
    return "wait CONTAINER [CONTAINER...]";
  }

  @Override
  public String description() {
    return "Block until one or more containers stop, then print their exit codes";
  }

  @Override
  public String aliases() {
    return "container wait, wait";
  }

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
