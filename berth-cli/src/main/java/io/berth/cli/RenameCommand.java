package io.berth.cli;

/** {@code rename}: Rename a container. */
final class RenameCommand extends AbstractCommand {

  @Override
  public int run(CliContext ctx) {
    Args.exactly(flags.args(), 2, "rename");
    String oldName = flags.args().get(0).strip();
    String newName = flags.args().get(1).strip();
    if (oldName.isEmpty() || newName.isEmpty()) {
      throw new CliError("Error: Neither old nor new names may be empty", 1);
    }
    try {
      ctx.containers().rename(oldName, newName);
    } catch (io.berth.common.BerthException | io.berth.client.DaemonException e) {
      ctx.err().println("Error response from daemon: " + e.getMessage());
      throw new CliError("Error: failed to rename container named " + oldName, 1);
    }
    return 0;
  }
}
