package io.berth.cli;

import io.berth.client.DaemonException;
import io.berth.common.BerthException;
import java.util.ArrayList;
import java.util.List;

/** {@code volume rm}: removes each volume in turn, printing its name; failures are reported together. */
final class VolumeRmCommand implements BerthCommand {
  private final FlagSet flags = new FlagSet();
  private final Flag force = flags.bool("f", "force", "Force the removal of one or more volumes");

  @Override
  public FlagSet flags() {
    return flags;
  }

  @Override
  public String use() {
    return "volume rm [OPTIONS] VOLUME [VOLUME...]";
  }

  @Override
  public String description() {
    return "Remove one or more volumes";
  }

  @Override
  public String longDescription() {
    return "Remove one or more volumes. You cannot remove a volume that is in use by a container.";
  }

  @Override
  public String aliases() {
    return "volume rm, volume remove";
  }

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
