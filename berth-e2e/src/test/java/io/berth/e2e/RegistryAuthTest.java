package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Registries that want credentials: Basic auth (htpasswd) and the Bearer token flow (a token
 * server in test code), with login and logout through the Docker CLI and bin/berth sharing one
 * config.json, as they share it on a user's machine.
 */
class RegistryAuthTest {
  private static final byte[] PASSWORD = "s3cret\n".getBytes(StandardCharsets.UTF_8);
  @Started
  private static Berthd daemon;
  private static LocalRegistry basic;
  private static LocalRegistry token;
  private static TokenServer tokens;
  private static Path htpasswd;
  private static byte[] busybox;

  @BeforeAll
  static void start() throws Exception {
    htpasswd = Files.createTempFile("berth-e2e-htpasswd-", "");
    Files.writeString(htpasswd, Berthd.exec(List.of("htpasswd", "-Bbn", "alice", "s3cret"), Map.of(), null).ok().out());
    basic = LocalRegistry.start("127.0.0.1", "", """
        auth:
          htpasswd:
            realm: basic-realm
            path: %s
        """.formatted(htpasswd));
    tokens = TokenServer.start(Map.of("alice", "s3cret"));
    token = LocalRegistry.start("127.0.0.1", "", tokens.registryConfig());
    busybox = Files.readAllBytes(Fixtures.busyboxTar());
  }

  @AfterAll
  static void stop() throws IOException {
    Fixtures.closeAll(basic, token, tokens);
    Files.deleteIfExists(htpasswd);
  }

  private String config() throws IOException {
    Path file = daemon.dir.resolve("docker-config/config.json");
    return Files.exists(file) ? Files.readString(file) : "";
  }

  @Test
  void basicAuthLoginPushPullLogout() throws IOException {
    String ref = basic.host() + "/e2e/basic:1";
    String id = daemon.dockerIn(busybox, "import", "-", ref).ok().line();

    Result anonymous = daemon.docker("pull", ref);
    assertEquals(1, anonymous.exit(), anonymous.toString());
    assertTrue(anonymous.err().contains("Error response from daemon: Head \"http://" + basic.host()
        + "/v2/e2e/basic/manifests/1\": no basic auth credentials"), anonymous.err());

    Result wrong = daemon.dockerIn("nope\n".getBytes(StandardCharsets.UTF_8), "login", "-u", "alice",
        "--password-stdin", basic.host());
    assertEquals(1, wrong.exit(), wrong.toString());
    assertTrue(wrong.err().contains("login attempt to http://" + basic.host()
        + "/v2/ failed with status: 401 Unauthorized"), wrong.err());

    assertTrue(daemon.dockerIn(PASSWORD, "login", "-u", "alice", "--password-stdin", basic.host()).ok().out()
        .contains("Login Succeeded"));
    assertTrue(config().contains("\"" + basic.host() + "\""), config());
    daemon.docker("push", ref).ok();
    daemon.docker("rmi", ref).ok();
    assertTrue(daemon.berth("pull", ref).ok().out().contains("Downloaded newer image"), "berth reads the CLI's login");
    assertEquals(id, daemon.imageId(ref));

    assertTrue(daemon.berth("logout", basic.host()).ok().out().contains("Removing login credentials for "
        + basic.host()));
    assertTrue(daemon.berth("pull", ref).err().contains("no basic auth credentials"));

    assertTrue(daemon.berthIn(PASSWORD, "login", "-u", "alice", "--password-stdin", basic.host()).ok().out()
        .contains("Login Succeeded"));
    assertTrue(daemon.docker("pull", ref).ok().out().contains("Image is up to date"), "the CLI reads berth's login");
    daemon.docker("logout", basic.host()).ok();
  }

  @Test
  void tokenAuthWithRefreshTokensCachedPerScope() throws IOException {
    String ref = token.host() + "/e2e/tok:1";
    String id = daemon.dockerIn(busybox, "import", "-", ref).ok().line();
    assertNotEquals(0, daemon.docker("push", ref).exit(), "anonymous tokens grant nothing");

    Result wrong = daemon.berthIn("nope\n".getBytes(StandardCharsets.UTF_8), "login", "-u", "alice",
        "--password-stdin", token.host());
    assertNotEquals(0, wrong.exit(), wrong.toString());

    assertTrue(daemon.dockerIn(PASSWORD, "login", "-u", "alice", "--password-stdin", token.host()).ok().out()
        .contains("Login Succeeded"));
    assertTrue(config().contains("identitytoken"), "the token server's refresh token is kept: " + config());

    tokens.grants.clear();
    daemon.docker("push", ref).ok();
    assertTrue(tokens.grants.stream().allMatch(g -> g.auth().equals("refresh")), tokens.grants.toString());
    assertTrue(tokens.grants.size() <= 2, "one token per scope, not per request: " + tokens.grants);

    daemon.docker("rmi", ref).ok();
    tokens.grants.clear();
    assertTrue(daemon.berth("pull", ref).ok().out().contains("Downloaded newer image"));
    assertEquals(id, daemon.imageId(ref));
    assertEquals(List.of(new TokenServer.Grant("POST", "refresh", List.of("repository:e2e/tok:pull"))),
        tokens.grants, "the pull's requests shared one token");

    daemon.berth("logout", token.host()).ok();
    Result denied = daemon.docker("pull", ref);
    assertEquals(1, denied.exit(), denied.toString());
    assertTrue(denied.err().contains("pull access denied for " + token.host() + "/e2e/tok, repository does not "
        + "exist or may require 'docker login': denied: requested access to the resource is denied"), denied.err());
  }
}
