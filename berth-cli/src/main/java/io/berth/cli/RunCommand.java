package io.berth.cli;

import io.berth.client.ContainerClient;
import io.berth.client.DaemonException;
import io.berth.client.HijackedStream;
import io.berth.client.HttpResponse;
import io.berth.common.BerthException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code run} / {@code container run}: create, attach, wait, start, stream, and exit with the
 * container's status, in the Docker CLI's order (the wait is registered before the start so the
 * exit cannot be missed; with --rm it waits for the removal).
 */
final class RunCommand extends AbstractCommand {
  final Flag detach = flags.bool("d", "detach", "Run container in background and print container ID");
  final Flag detachKeys = flags.string(null, "detach-keys", "string", "Override the key sequence for detaching a container");
  final Flag name = flags.string(null, "name", "string", "Assign a name to the container");
  final Flag platform = flags.string(null, "platform", "string", "Set platform if server is multi-platform capable");
  final Flag pull = flags.stringDefault(null, "pull", "string",
      "Pull image before running (\"always\", \"missing\", \"never\")", "missing");
  final Flag quiet = flags.bool("q", "quiet", "Suppress the pull output");
  final Flag sigProxy = flags.boolDefaultTrue(null, "sig-proxy", "Proxy received signals to the process");
  final ContainerFlags container = new ContainerFlags(flags);

  /** Docker's reportError: "berth: msg" and the help hint, with the given exit status. */
  static CliError reportError(String command, String message, int status) {
    return new CliError(Cli.NAME + ": " + message + "\n\nRun '" + Cli.NAME + " " + command
        + " --help' for more information", status);
  }

  /** runStartContainerErr: 127 for a missing executable, 126 for one that cannot run, else 125. */
  static int startErrorStatus(String message) {
    if (message.contains("executable file not found") || message.contains("no such file or directory")
        || message.contains("system cannot find the file specified")) {
      return 127;
    }
    if (message.contains("permission denied") || message.contains("is a directory")) {
      return 126;
    }
    return 125;
  }

  @Override
  @SuppressWarnings("unchecked")
  public int run(CliContext ctx) throws Exception {
    Args.atLeast(flags.args(), 1, "run");
    ContentTrust.refuseVerification(container.contentTrust, ctx.env(), 125);
    Map<String, Object> body;
    try {
      ContainerCreator.checkPullOption(pull.string());
      body = new CreateBody(container, ctx.env(), Path.of(""), ctx.client().apiVersion())
          .build(flags.args().getFirst(), flags.args().subList(1, flags.args().size()),
              CreateCommand.consoleSize(ctx));
    } catch (IllegalArgumentException e) {
      throw reportError("run", e.getMessage(), 125);
    }
    boolean tty = (Boolean) body.get("Tty");
    if (!detach.isTrue()) {
      if ((Boolean) body.get("AttachStdin") && tty && !ctx.isTerminal(0)) {
        throw new CliError("the input device is not a TTY", 1);
      }
    } else {
      if (!container.attach.list().isEmpty()) {
        throw new CliError("conflicting options: cannot specify both --attach and --detach", 1);
      }
      body.put("AttachStdin", false);
      body.put("AttachStdout", false);
      body.put("AttachStderr", false);
      body.put("StdinOnce", false);
    }
    boolean attachStdin = (Boolean) body.get("AttachStdin");
    boolean attachStdout = (Boolean) body.get("AttachStdout");
    boolean attachStderr = (Boolean) body.get("AttachStderr");
    boolean autoRemove = (Boolean) ((Map<String, Object>) body.get("HostConfig")).get("AutoRemove");

    String id;
    try {
      id = new ContainerCreator(ctx).create(body,
          new ContainerCreator.Options(name.string(), platform.string(), pull.string(), quiet.isTrue()));
    } catch (BerthException | DaemonException e) {
      String message = "Error response from daemon: " + e.getMessage();
      throw reportError("run", message, startErrorStatus(message));
    } catch (ContainerCreator.CreateFailure | io.berth.client.DaemonUnreachableException e) {
      throw reportError("run", e.getMessage(), 125);
    }
    ContainerClient containers = ctx.containers();
    if (sigProxy.isTrue()) {
      SignalProxy.forward(containers, id);
    }
    if (detach.isTrue()) {
      ctx.out().println(id);
      ctx.out().flush();
    }

    TerminalControl.Saved terminal = null;
    CompletableFuture<AttachStreams.Outcome> streaming = null;
    HijackedStream connection = null;
    try {
      if (attachStdin || attachStdout || attachStderr) {
        connection = containers.attach(id, attachStdin, attachStdout, attachStderr, detachKeys.string(), false);
        InputStream in = attachStdin ? ctx.in() : null;
        if (tty && attachStdin && ctx.isTerminal(0)) {
          terminal = TerminalControl.makeRaw(0);
        }
        TerminalControl.Saved saved = terminal;
        AttachStreams streams = new AttachStreams(connection, in, attachStdout ? ctx.out() : null,
            attachStderr ? (tty ? ctx.out() : ctx.err()) : null, tty, DetachKeys.parseOrDefault(detachKeys.string()),
            () -> AttachStreams.restore(saved));
        streaming = streams.streamInBackground();
      }

      HttpResponse wait = containers.waitFor(id, autoRemove ? "removed" : "next-exit");
      try {
        containers.start(id);
      } catch (BerthException | DaemonException e) {
        if (connection != null) {
          connection.close();
        }
        AttachStreams.restore(terminal);
        String message = "Error response from daemon: " + e.getMessage();
        if (autoRemove) {
          waitStatus(wait, ctx);
        } else {
          wait.close();
        }
        throw reportError("run", message, startErrorStatus(message));
      }
      if (streaming != null && tty && ctx.isTerminal(1)) {
        TtyResizer.monitor(containers, id, ctx.err());
      }
      if (streaming != null) {
        try {
          if (streaming.join() == AttachStreams.Outcome.DETACHED) {
            return 0;
          }
        } catch (java.util.concurrent.CompletionException e) {
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          throw e;
        }
      }
      if (detach.isTrue()) {
        wait.close();
        return 0;
      }
      return waitStatus(wait, ctx);
    } finally {
      AttachStreams.restore(terminal);
      ctx.out().flush();
    }
  }

  /** waitExitOrRemoved's outcome: the exit status, or 125 when waiting failed. */
  static int waitStatus(HttpResponse wait, CliContext ctx) {
    try {
      ContainerClient.WaitResult result = ContainerClient.WaitResult.read(wait);
      if (result.error() != null) {
        ctx.err().println("Error waiting for container: " + result.error());
        return 125;
      }
      return (int) result.statusCode();
    } catch (IOException | RuntimeException e) {
      ctx.err().println("error waiting for container: " + e.getMessage());
      return 125;
    }
  }
}
