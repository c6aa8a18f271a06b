package io.berth.cli;

import io.berth.common.BerthException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code create} / {@code container create}: creates a container and prints its ID. */
final class CreateCommand extends AbstractCommand {
  final Flag name = flags.string(null, "name", "string", "Assign a name to the container");
  final Flag platform = flags.string(null, "platform", "string", "Set platform if server is multi-platform capable");
  final Flag pull = flags.stringDefault(null, "pull", "string",
      "Pull image before creating (\"always\", \"|missing\", \"never\")", "missing");
  final Flag quiet = flags.bool("q", "quiet", "Suppress the pull output");
  final ContainerFlags container = new ContainerFlags(flags);

  /** The request body for the parsed flags (also what tests compare with Docker's). */
  Map<String, Object> body(Map<String, String> env, Path cwd, String apiVersion, int[] consoleSize) {
    List<String> args = flags.args();
    return new CreateBody(container, env, cwd, apiVersion).build(args.getFirst(), args.subList(1, args.size()),
        consoleSize);
  }

  @Override
  public int run(CliContext ctx) throws Exception {
    Args.atLeast(flags.args(), 1, "create");
    ContentTrust.refuseVerification(container.contentTrust, ctx.env(), 125);
    Map<String, Object> body;
    try {
      ContainerCreator.checkPullOption(pull.string());
      body = body(ctx.env(), Path.of(""), ctx.client().apiVersion(), consoleSize(ctx));
    } catch (IllegalArgumentException e) {
      throw RunCommand.reportError("create", e.getMessage(), 125);
    }
    String id;
    try {
      id = new ContainerCreator(ctx).create(body,
          new ContainerCreator.Options(name.string(), platform.string(), pull.string(), quiet.isTrue()));
    } catch (ContainerCreator.CreateFailure e) {
      throw new CliError(e.getMessage(), 1);
    }
    ctx.out().println(id);
    return 0;
  }

  /** Docker sends the output terminal's size with every create (0x0 when not a terminal). */
  static int[] consoleSize(CliContext ctx) {
    return ctx.isTerminal(1) ? TerminalControl.size(1) : new int[] {0, 0};
  }
}
