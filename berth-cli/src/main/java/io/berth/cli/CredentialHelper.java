package io.berth.cli;

import io.berth.client.JsonParser;
import io.berth.client.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A docker-credential-NAME helper program: {@code get}, {@code store}, {@code erase} over stdin/stdout JSON. */
final class CredentialHelper {
  private CredentialHelper() {}

  static DockerConfig.Auth get(String helper, String server) throws IOException {
    Result r = run(helper, "get", server);
    if (r.exit != 0) {
      if (r.out.contains("credentials not found")) {
        return null;
      }
      throw new CliError("error getting credentials - err: exit status " + r.exit + ", out: `" + r.out.trim() + "`", 1);
    }
    Map<String, Object> m = JsonParser.parseObject(r.out.getBytes(StandardCharsets.UTF_8));
    String user = String.valueOf(m.getOrDefault("Username", ""));
    String secret = String.valueOf(m.getOrDefault("Secret", ""));
    if (user.equals("<token>")) {
      return new DockerConfig.Auth("", "", secret, server);
    }
    return new DockerConfig.Auth(user, secret, "", server);
  }

  static void store(String helper, DockerConfig.Auth auth) throws IOException {
    boolean token = !auth.identityToken().isEmpty();
    String json = JsonWriter.write(Map.of("ServerURL", auth.serverAddress(),
        "Username", token ? "<token>" : auth.username(), "Secret", token ? auth.identityToken() : auth.password()));
    Result r = run(helper, "store", json);
    if (r.exit != 0) {
      throw new CliError("error storing credentials - err: exit status " + r.exit + ", out: `" + r.out.trim() + "`", 1);
    }
  }

  static void erase(String helper, String server) throws IOException {
    run(helper, "erase", server);
  }

  private record Result(int exit, String out) {}

  private static Result run(String helper, String action, String input) throws IOException {
    Process p = new ProcessBuilder("docker-credential-" + helper, action).redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      return new Result(p.waitFor(), out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }
}
