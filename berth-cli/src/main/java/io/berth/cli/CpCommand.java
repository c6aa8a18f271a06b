package io.berth.cli;

import io.berth.cli.cp.CopyException;
import io.berth.cli.cp.Copier;
import io.berth.cli.cp.CopyPaths;
import io.berth.cli.cp.CopyPaths.CpArg;

/** {@code cp}: Copy files/folders between a container and the local filesystem, with Docker's path rules. */
final class CpCommand extends AbstractCommand {
  private final Flag followLink = flags.bool("L", "follow-link", "Always follow symbol link in SRC_PATH");
  private final Flag archive = flags.bool("a", "archive", "Archive mode (copy all uid/gid information)");
  private final Flag quiet = flags.bool("q", "quiet",
      "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached");

  @Override
  public int run(CliContext ctx) throws Exception {
    Args.exactly(flags.args(), 2, "cp");
    String source = flags.args().get(0);
    String destination = flags.args().get(1);
    if (source.isEmpty()) {
      throw new CliError("source can not be empty", 1);
    }
    if (destination.isEmpty()) {
      throw new CliError("destination can not be empty", 1);
    }
    // Docker: without -q, progress is suppressed when stdout is not a terminal
    boolean silent = quiet.changed() ? quiet.isTrue() : !ctx.isTerminal(1);
    CpArg src = CopyPaths.splitCpArg(source);
    CpArg dst = CopyPaths.splitCpArg(destination);
    if (src.container() != null && dst.container() != null) {
      throw new CliError("copying between containers is not supported", 1);
    }
    if (src.container() == null && dst.container() == null) {
      throw new CliError("must specify at least one container source", 1);
    }
    Copier copier = new Copier(ctx.client(), ctx.in(), ctx.out(), ctx.err(), ctx.isTerminal(2), silent,
        System.getProperty("user.dir"));
    try {
      if (src.container() != null) {
        copier.fromContainer(src.container(), src.path(), dst.path(), followLink.isTrue());
      } else {
        copier.toContainer(src.path(), dst.container(), dst.path(), followLink.isTrue(), archive.isTrue());
      }
    } catch (CopyException e) {
      throw new CliError(e.getMessage(), 1);
    }
    return 0;
  }
}
