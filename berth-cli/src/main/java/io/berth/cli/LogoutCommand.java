package io.berth.cli;

import java.io.IOException;

/** {@code logout [SERVER]}: forgets the credentials kept for a registry. */
final class LogoutCommand implements BerthCommand {
  private final FlagSet flags = new FlagSet();

  @Override
  public FlagSet flags() {
    return flags;
  }

  @Override
  public String use() {
    return "logout [SERVER]";
  }

  @Override
  public String description() {
    return "Log out from a registry";
  }

  @Override
  public String aliases() {
    return "logout";
  }

  @Override
  public int run(CliContext ctx) throws IOException {
    Args.atMost(flags.args(), 1, "logout");
    String server = flags.args().isEmpty() ? DockerConfig.HUB : flags.args().getFirst();
    DockerConfig config = DockerConfig.load(ctx.env());
    if (config.get(server) == null) {
      ctx.out().println("Not logged in to " + server);
      return 0;
    }
    ctx.out().println("Removing login credentials for " + server);
    config.erase(server);
    return 0;
  }
}
