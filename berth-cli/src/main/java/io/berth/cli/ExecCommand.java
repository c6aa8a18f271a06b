package io.berth.cli;

import io.berth.client.BerthClient;
import io.berth.client.HijackedStream;
import io.berth.client.RequestBody;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sun.misc.Signal;

/**
 * {@code exec}: runs a command in a running container, as the Docker CLI does: create the session, start
 * it attached (or detached with -d), stream, then read the exit code from {@code GET /exec/{id}/json}.
 */
final class ExecCommand extends AbstractCommand {
  ExecCommand() {
    super(new FlagSet().stopAtFirstArgument()); // flags after the first argument are the command's own
  }

  private final Flag detach = flags.bool("d", "detach", "Detached mode: run command in the background");
  private final Flag detachKeys = flags.string(null, "detach-keys", "string", "Override the key sequence for detaching a container");
  private final Flag env = flags.list("e", "env", "list", "Set environment variables");
  private final Flag envFile = flags.list(null, "env-file", "list", "Read in a file of environment variables");
  private final Flag interactive = flags.bool("i", "interactive", "Keep STDIN open even if not attached");
  private final Flag privileged = flags.bool(null, "privileged", "Give extended privileges to the command");
  private final Flag tty = flags.bool("t", "tty", "Allocate a pseudo-TTY");
  private final Flag user = flags.string("u", "user", "string", "Username or UID (format: \"<name|uid>[:<group|gid>]\")");
  private final Flag workdir = flags.string("w", "workdir", "string", "Working directory inside the container");

  @Override
  public int run(CliContext ctx) throws IOException {
    List<String> args = flags.args();
    if (args.size() < 2) {
      CommandTable.Row row = CommandTable.find("exec");
      throw new CliError("\"exec\" requires at least 2 arguments.\nSee 'berth exec --help'.\n\nUsage:  berth "
          + row.use() + "\n\n" + row.description(), 1);
    }
    String container = args.getFirst();
    boolean withTty = tty.isTrue();
    boolean stdin = interactive.isTrue();
    if (withTty && stdin && !ctx.isTerminal(0)) {
      throw new CliError("the input device is not a TTY", 1);
    }
    BerthClient client = ctx.client();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("User", user.string() == null ? "" : user.string());
    body.put("Privileged", privileged.isTrue());
    body.put("Tty", withTty);
    if (withTty && ctx.isTerminal(1)) {
      int[] size = TerminalControl.size(1);
      body.put("ConsoleSize", List.of(size[0], size[1]));
    }
    body.put("AttachStdin", stdin && !detach.isTrue());
    body.put("AttachStderr", !detach.isTrue());
    body.put("AttachStdout", !detach.isTrue());
    body.put("DetachKeys", detachKeys.string() == null ? "" : detachKeys.string());
    body.put("Env", KeyValueFiles.env(envFile.list(), env.list(), ctx.env(), Path.of("")));
    body.put("WorkingDir", workdir.string() == null ? "" : workdir.string());
    body.put("Cmd", args.subList(1, args.size()));
    @SuppressWarnings("unchecked")
    Map<String, Object> created = (Map<String, Object>) client.json("POST",
        "/containers/" + BerthClient.pathEscape(container) + "/exec", new BerthClient.Query(), RequestBody.json(body));
    String id = String.valueOf(created.get("Id"));
    String start = "/exec/" + id + "/start";
    if (detach.isTrue()) {
      client.json("POST", start, new BerthClient.Query(), RequestBody.json(Map.of("Detach", true, "Tty", withTty)));
      return 0;
    }
    HijackedStream connection = client.hijack(start, new BerthClient.Query(),
        RequestBody.json(Map.of("Detach", false, "Tty", withTty)));
    if (withTty && ctx.isTerminal(1)) {
      resize(client, id);
      Signal.handle(new Signal("WINCH"), signal -> Thread.ofVirtual().start(() -> resize(client, id)));
    }
    AttachStreams.streamInForeground(ctx, connection, stdin, withTty, detachKeys.string());
    Map<String, Object> inspect = client.object("GET", "/exec/" + id + "/json", new BerthClient.Query());
    return inspect.get("ExitCode") instanceof Number n ? n.intValue() : 0;
  }

  private static void resize(BerthClient client, String id) {
    int[] size = TerminalControl.size(1);
    if (size[0] == 0 && size[1] == 0) {
      return;
    }
    try {
      client.json("POST", "/exec/" + id + "/resize",
          new BerthClient.Query().add("h", Integer.toString(size[0])).add("w", Integer.toString(size[1])),
          RequestBody.NONE);
    } catch (RuntimeException ignored) {
      // the session ended meanwhile
    }
  }
}
