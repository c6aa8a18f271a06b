package io.berth.cli;

import io.berth.client.DaemonException;
import io.berth.common.BerthException;
import java.io.IOException;

/** {@code network rm}: each network's name as given once removed, each failure on stderr, exit 1 if any. */
final class NetworkRemoveCommand extends AbstractCommand {
  private final Flag force = flags.bool("f", "force", "Do not error if the network does not exist");

  @Override
  public int run(CliContext ctx) throws IOException {
    Args.atLeast(flags.args(), 1, "network rm");
    int status = 0;
    for (String name : flags.args()) {
      try {
        NetworkCommands.client(ctx).remove(name);
        ctx.out().println(name);
      } catch (BerthException.NotFound e) {
        if (!force.isTrue()) {
          ctx.err().println("Error response from daemon: " + e.getMessage());
          status = 1;
        }
      } catch (BerthException | DaemonException e) {
        ctx.err().println("Error response from daemon: " + e.getMessage());
        status = 1;
      }
    }
    return status;
  }
}
