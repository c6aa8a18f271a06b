package io.berth.registry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.berth.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** htpasswd Basic auth, the token service with per-repository permissions, anonymous pull, the audit log. */
class AuthTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

  private TestRegistry start(boolean tokens) throws Exception {
    Path htpasswd = dir.resolve("htpasswd");
    Files.writeString(htpasswd, "alice:" + hash("wonderland") + "\nbob:" + hash("builder") + "\n");
    Path access = null;
    if (tokens) {
      access = dir.resolve("access");
      Files.writeString(access, """
          alice   *          pull,push,delete,catalog
          bob     team/*     pull          # read only
          anonymous public/* pull
          """);
    }
    Settings settings = new Settings(new InetSocketAddress("127.0.0.1", 0), dir.resolve("root"), Duration.ZERO,
        Duration.ofHours(1), Log.Level.INFO, htpasswd, access, null, null, java.util.List.of());
    return new TestRegistry(settings, new Log(new PrintStream(logged, true), Log.Level.INFO));
  }

  /** As {@code htpasswd -B} writes it. */
  private static String hash(String password) {
    return BCrypt.withDefaults().hashToString(4, password.toCharArray()).replaceFirst("^\\$2a\\$", "\\$2y\\$");
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void htpasswdBasicAuth() throws Exception {
    try (TestRegistry r = start(false)) {
      HttpResponse<String> anonymous = r.get("/v2/");
      assertEquals(401, anonymous.statusCode());
      assertEquals("Basic realm=\"berth-registry\"", anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
      assertTrue(anonymous.body().contains("UNAUTHORIZED"));
      assertEquals(401, r.get("/v2/", "Authorization", basic("alice", "wrong")).statusCode());
      assertEquals(200, r.get("/v2/", "Authorization", basic("alice", "wonderland")).statusCode());
      assertEquals(202, r.call("POST", "/v2/x/blobs/uploads/", null, "Authorization", basic("bob", "builder")).statusCode());
      assertTrue(logged.toString().contains("msg=\"audit\" user=\"alice\" action=login"), logged.toString());
    }
  }

  @Test
  void tokenServiceGrantsWhatTheAccessFileAllows() throws Exception {
    try (TestRegistry r = start(true)) {
      HttpResponse<String> ping = r.get("/v2/");
      assertEquals(401, ping.statusCode());
      String challenge = ping.headers().firstValue("WWW-Authenticate").orElse("");
      assertEquals("Bearer realm=\"" + r.base() + "/token\",service=\"berth-registry\"", challenge);

      // docker login: a token request with credentials and no scope
      assertEquals(401, r.get("/token?service=berth-registry", "Authorization", basic("alice", "nope")).statusCode());
      assertEquals(200, r.get("/token?service=berth-registry&account=alice", "Authorization", basic("alice", "wonderland")).statusCode());

      String alice = token(r, "repository:team/app:pull,push", basic("alice", "wonderland"));
      assertEquals(200, r.get("/v2/", "Authorization", "Bearer " + alice).statusCode());
      assertEquals(202, r.call("POST", "/v2/team/app/blobs/uploads/", null, "Authorization", "Bearer " + alice).statusCode());
      // a token for one repository is not one for another
      HttpResponse<String> elsewhere = r.call("POST", "/v2/other/blobs/uploads/", null, "Authorization", "Bearer " + alice);
      assertEquals(401, elsewhere.statusCode());
      assertTrue(elsewhere.headers().firstValue("WWW-Authenticate").orElse("")
          .endsWith(",scope=\"repository:other:push\",error=\"insufficient_scope\""));

      String bob = token(r, "repository:team/app:pull,push", basic("bob", "builder"));
      assertEquals(404, r.get("/v2/team/app/manifests/v1", "Authorization", "Bearer " + bob).statusCode()); // pull ok
      assertEquals(401, r.call("POST", "/v2/team/app/blobs/uploads/", null, "Authorization", "Bearer " + bob).statusCode());

      String anonymous = token(r, "repository:public/base:pull,push", null);
      assertEquals(404, r.get("/v2/public/base/manifests/v1", "Authorization", "Bearer " + anonymous).statusCode());
      assertEquals(401, r.call("POST", "/v2/public/base/blobs/uploads/", null, "Authorization", "Bearer " + anonymous).statusCode());
      assertEquals(401, r.get("/v2/team/app/manifests/v1", "Authorization", "Bearer " + anonymous).statusCode());

      assertEquals(401, r.get("/v2/_catalog", "Authorization", "Bearer " + bob).statusCode());
      assertEquals(200, r.get("/v2/_catalog", "Authorization", "Bearer " + token(r, "registry:catalog:*",
          basic("alice", "wonderland"))).statusCode());
      String forged = alice.substring(0, alice.lastIndexOf('.') + 1) + "AAAA";
      assertEquals(401, r.get("/v2/", "Authorization", "Bearer " + forged).statusCode());
      assertTrue(Files.exists(dir.resolve("root/auth/token.key")));
      String log = logged.toString();
      assertTrue(log.contains("user=\"alice\" action=login result=ok"), log);
      assertTrue(log.contains("user=\"alice\" action=login result=denied"), log);
      assertFalse(log.contains("wonderland"));
    }
  }

  private static String token(TestRegistry r, String scope, String authorization) throws Exception {
    HttpResponse<String> response = authorization == null
        ? r.get("/token?service=berth-registry&scope=" + scope)
        : r.get("/token?service=berth-registry&scope=" + scope, "Authorization", authorization);
    assertEquals(200, response.statusCode(), response.body());
    return (String) Json.object(response.body().getBytes(StandardCharsets.UTF_8)).get("token");
  }
}
