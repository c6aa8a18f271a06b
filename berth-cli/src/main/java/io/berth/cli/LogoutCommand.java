package io.berth.cli;

import java.io.IOException;

/** {@code logout [SERVER]}: forgets the credentials kept for a registry. */
final class LogoutCommand extends AbstractCommand {

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
