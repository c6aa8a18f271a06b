package io.berth.cli;

import io.berth.client.ContainerClient;
import io.berth.client.HijackedStream;
import io.berth.client.HttpResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** {@code start}: starts containers, or one container attached ({@code -a}, {@code -i}). */
final class StartCommand extends AbstractCommand {
  private final Flag attach = flags.bool("a", "attach", "Attach STDOUT/STDERR and forward signals");
  private final Flag detachKeys = flags.string(null, "detach-keys", "string", "Override the key sequence for detaching a container");
  private final Flag interactive = flags.bool("i", "interactive", "Attach container's STDIN");

  @Override
  public int run(CliContext ctx) throws IOException {
    Args.atLeast(flags.args(), 1, "start");
    if (attach.isTrue() || interactive.isTrue()) {
      if (flags.args().size() > 1) {
        throw new CliError("you cannot start and attach multiple containers at once", 1);
      }
      return startAttached(ctx, flags.args().getFirst());
    }
    List<String> failed = new ArrayList<>();
    for (String container : flags.args()) {
      try {
        ctx.containers().start(container);
        ctx.out().println(container);
      } catch (io.berth.common.BerthException | io.berth.client.DaemonException e) {
        ctx.out().flush();
        ctx.err().println("Error response from daemon: " + e.getMessage());
        failed.add(container);
      }
    }
    if (!failed.isEmpty()) {
      throw new CliError("Error: failed to start containers: " + String.join(", ", failed), 1);
    }
    return 0;
  }

  @SuppressWarnings("unchecked")
  private int startAttached(CliContext ctx, String name) throws IOException {
    ContainerClient containers = ctx.containers();
    Map<String, Object> info = containers.inspect(name, false);
    Map<String, Object> config = (Map<String, Object>) info.get("Config");
    Map<String, Object> host = (Map<String, Object>) info.get("HostConfig");
    String id = (String) info.get("Id");
    boolean tty = Boolean.TRUE.equals(config.get("Tty"));
    boolean autoRemove = host != null && Boolean.TRUE.equals(host.get("AutoRemove"));
    if (!tty) {
      SignalProxy.forward(containers, id);
    }
    boolean stdin = interactive.isTrue() && Boolean.TRUE.equals(config.get("OpenStdin"));
    HijackedStream connection = containers.attach(id, stdin, true, true, detachKeys.string(), false);
    TerminalControl.Saved terminal = AttachStreams.rawConsole(ctx, stdin, tty);
    try {
      AttachStreams streams = AttachStreams.ofConsole(ctx, connection, stdin, tty, detachKeys.string(), terminal);
      CompletableFuture<AttachStreams.Outcome> streaming = streams.streamInBackground();
      HttpResponse wait = containers.waitFor(id, autoRemove ? "removed" : "next-exit");
      try {
        containers.start(id);
      } catch (RuntimeException e) {
        connection.close();
        if (autoRemove) {
          RunCommand.waitStatus(wait, ctx);
        }
        throw e;
      }
      if (tty && ctx.isTerminal(1)) {
        TtyResizer.monitor(containers, id, ctx.err());
      }
      try {
        if (streaming.join() == AttachStreams.Outcome.DETACHED) {
          return 0;
        }
      } catch (CompletionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw e;
      }
      int status = RunCommand.waitStatus(wait, ctx);
      ctx.out().flush();
      return status;
    } finally {
      AttachStreams.restore(terminal);
    }
  }
}
