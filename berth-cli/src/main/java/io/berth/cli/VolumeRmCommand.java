package io.berth.cli;

import io.berth.client.DaemonException;
import io.berth.common.BerthException;
import java.util.ArrayList;
import java.util.List;

/** {@code volume rm}: removes each volume in turn, printing its name; failures are reported together. */
final class VolumeRmCommand extends AbstractCommand {
  private final Flag force = flags.bool("f", "force", "Force the removal of one or more volumes");

  @Override
  public int run(CliContext ctx) {
    Args.atLeast(flags.args(), 1, "volume rm");
    List<String> errors = new ArrayList<>();
    for (String name : flags.args()) {
      try {
        ctx.volumes().remove(name, force.isTrue());
        ctx.out().println(name);
      } catch (BerthException | DaemonException e) {
        errors.add("Error response from daemon: " + e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new CliError(String.join("\n", errors), 1);
    }
    return 0;
  }
}
