package io.berth.cli;

import io.berth.client.RequestBody;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code login [OPTIONS] [SERVER]}: checks credentials with the daemon and keeps them as the Docker CLI does. */
final class LoginCommand extends AbstractCommand {
  private final Flag username = flags.string("u", "username", "string", "Username");
  private final Flag password = flags.string("p", "password", "string", "Password or Personal Access Token (PAT)");
  private final Flag passwordStdin = flags.bool(null, "password-stdin", "Take the Password or Personal Access Token (PAT) from stdin");

  @Override
  @SuppressWarnings("unchecked")
  public int run(CliContext ctx) throws IOException {
    Args.atMost(flags.args(), 1, "login");
    String server = flags.args().isEmpty() ? DockerConfig.HUB : flags.args().getFirst();
    String user = username.string();
    String pass = password.string();
    if (!pass.isEmpty()) {
      ctx.err().println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
      if (passwordStdin.isTrue()) {
        throw new CliError("--password and --password-stdin are mutually exclusive", 1);
      }
    }
    if (passwordStdin.isTrue()) {
      if (user.isEmpty()) {
        throw new CliError("Must provide --username with --password-stdin", 1);
      }
      pass = new String(ctx.in().readAllBytes(), StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
    }
    if (user.isEmpty() || pass.isEmpty()) {
      java.io.Console console = System.console();
      if (console == null || !Terminal.isTerminal(0)) {
        throw new CliError("Error: Cannot perform an interactive login from a non TTY device", 1);
      }
      if (user.isEmpty()) {
        ctx.out().print("Username: ");
        ctx.out().flush();
        user = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)).readLine();
        user = user == null ? "" : user.trim();
        if (user.isEmpty()) {
          throw new CliError("Error: Non-null Username Required", 1);
        }
      }
      if (pass.isEmpty()) {
        char[] typed = console.readPassword("Password: ");
        pass = typed == null ? "" : new String(typed);
        if (pass.isEmpty()) {
          throw new CliError("Error: Password Required", 1);
        }
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", user);
    body.put("password", pass);
    body.put("serveraddress", server);
    Map<String, Object> answer = (Map<String, Object>) ctx.client().json("POST", "/auth", null, RequestBody.json(body));
    String token = answer.get("IdentityToken") instanceof String t ? t : "";
    DockerConfig config = DockerConfig.load(ctx.env());
    config.store(new DockerConfig.Auth(user, token.isEmpty() ? pass : "", token, server));
    if (!config.usesHelper(server)) {
      ctx.err().println();
      ctx.err().println("WARNING! Your credentials are stored unencrypted in '" + config.file() + "'.");
      ctx.err().println("Configure a credential helper to remove this warning. See");
      ctx.err().println("https://docs.docker.com/go/credential-store/");
      ctx.err().println();
    }
    ctx.out().println(answer.get("Status"));
    return 0;
  }
}
