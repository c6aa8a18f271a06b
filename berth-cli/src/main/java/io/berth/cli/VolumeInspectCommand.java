package io.berth.cli;

/** {@code volume inspect}: each volume's JSON, or the format applied to it. */
final class VolumeInspectCommand implements BerthCommand {
  private final FlagSet flags = new FlagSet();
  private final Flag format = flags.string("f", "format", "string", "Format output using a custom template:\n"
      + "'json':             Print in JSON format\n"
      + "'TEMPLATE':         Print output using the given Go template.\n"
      + "Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates");

  @Override
  public FlagSet flags() {
    return flags;
  }

  @Override
  public String use() {
    return "volume inspect [OPTIONS] VOLUME [VOLUME...]";
  }

  @Override
  public String description() {
    return "Display detailed information on one or more volumes";
  }

  @Override
  public int run(CliContext ctx) throws java.io.IOException {
    Args.atLeast(flags.args(), 1, "volume inspect");
    return InspectCommand.print(ctx, flags.args(), true, format.string(), name -> ctx.volumes().inspectRaw(name));
  }
}
