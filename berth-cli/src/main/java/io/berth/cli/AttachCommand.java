package io.berth.cli;

import io.berth.client.ContainerClient;
import io.berth.client.HijackedStream;
import io.berth.client.HttpResponse;
import java.io.IOException;
import java.util.Map;

/** {@code attach}: connects the terminal to a running container's streams. */
final class AttachCommand extends AbstractCommand {
  private final Flag detachKeys = flags.string(null, "detach-keys", "string", "Override the key sequence for detaching a container");
  private final Flag noStdin = flags.bool(null, "no-stdin", "Do not attach STDIN");
  private final Flag sigProxy = flags.boolDefaultTrue(null, "sig-proxy", "Proxy all received signals to the process");

  /** inspectContainerAndCheckState. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> runningContainer(ContainerClient containers, String name) {
    Map<String, Object> info = containers.inspect(name, false);
    Map<String, Object> state = (Map<String, Object>) info.get("State");
    if (!Boolean.TRUE.equals(state.get("Running"))) {
      throw new CliError("You cannot attach to a stopped container, start it first", 1);
    }
    if (Boolean.TRUE.equals(state.get("Paused"))) {
      throw new CliError("You cannot attach to a paused container, unpause it first", 1);
    }
    if (Boolean.TRUE.equals(state.get("Restarting"))) {
      throw new CliError("You cannot attach to a restarting container, wait until it is running", 1);
    }
    return info;
  }

  @Override
  @SuppressWarnings("unchecked")
  public int run(CliContext ctx) throws IOException {
    Args.exactly(flags.args(), 1, "attach");
    String name = flags.args().getFirst();
    ContainerClient containers = ctx.containers();
    HttpResponse wait = containers.waitFor(name, "");
    Map<String, Object> info = runningContainer(containers, name);
    Map<String, Object> config = (Map<String, Object>) info.get("Config");
    boolean tty = Boolean.TRUE.equals(config.get("Tty"));
    if (tty && !noStdin.isTrue() && !ctx.isTerminal(0)) {
      throw new CliError("the input device is not a TTY", 1);
    }
    boolean stdin = !noStdin.isTrue() && Boolean.TRUE.equals(config.get("OpenStdin"));
    if (sigProxy.isTrue() && !tty) {
      SignalProxy.forward(containers, name);
    }
    HijackedStream connection = containers.attach(name, stdin, true, true, detachKeys.string(), false);
    runningContainer(containers, name);
    if (tty && ctx.isTerminal(1)) {
      int[] size = TerminalControl.size(1);
      if (size[0] != 0 || size[1] != 0) {
        containers.resize(name, size[0], size[1]);
      }
    }
    AttachStreams.streamInForeground(ctx, connection, stdin, tty, detachKeys.string());
    ContainerClient.WaitResult result = ContainerClient.WaitResult.read(wait);
    if (result.error() != null) {
      throw new CliError(result.error(), 1);
    }
    return (int) result.statusCode();
  }
}
