package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * berth's registry behind htpasswd Basic auth and behind its own token service, with {@code docker login}
 * through the reference engine and through berthd, per-repository permissions and anonymous pull; and over
 * TLS, verified by skopeo and curl against the issuing CA.
 */
class RegistryServerAuthTest {
  @Started
  private static ReferenceDockerd reference;
  @Started
  private static Berthd daemon;
  private static Path files;

  @BeforeAll
  static void start() throws IOException {
    files = Files.createTempDirectory("berth-e2e-regauth-");
    Result alice = Berthd.exec(List.of("htpasswd", "-Bbn", "alice", "wonderland"), Map.of(), null).ok();
    Result bob = Berthd.exec(List.of("htpasswd", "-Bbn", "bob", "builder"), Map.of(), null).ok();
    Files.writeString(files.resolve("htpasswd"), alice.out().strip() + "\n" + bob.out().strip() + "\n");
    Files.writeString(files.resolve("access"), """
        alice      *          pull,push,delete,catalog
        bob        team/*     pull
        anonymous  public/*   pull
        """);
    reference.docker("import", Fixtures.busyboxTar().toString(), "busybox:e2e").ok();
    daemon.dockerIn(Files.readAllBytes(Fixtures.busyboxTar()), "import", "-", "busybox:e2e").ok();
  }

  @AfterAll
  static void stop() {
    Berthd.deleteTree(files);
  }

  @Test
  void htpasswdLoginPushAndPullThroughBothEngines() throws IOException {
    try (BerthRegistry registry = BerthRegistry.start("--htpasswd", files.resolve("htpasswd").toString())) {
      String image = registry.host() + "/basic/app:1";
      reference.docker("tag", "busybox:e2e", image).ok();
      Result denied = reference.docker("push", image);
      assertNotEquals(0, denied.exit());
      assertTrue(denied.err().contains("no basic auth credentials"), denied.toString());
      Result wrong = reference.docker("login", "-u", "alice", "-p", "nope", registry.host());
      assertNotEquals(0, wrong.exit());
      assertTrue(wrong.err().contains("401 Unauthorized") || wrong.err().contains("unauthorized"), wrong.toString());
      assertTrue(reference.docker("login", "-u", "alice", "-p", "wonderland", registry.host()).ok().out()
          .contains("Login Succeeded"));
      reference.docker("push", image).ok();

      daemon.docker("login", "-u", "bob", "-p", "builder", registry.host()).ok();
      daemon.docker("pull", image).ok();
      String berthImage = registry.host() + "/basic/from-berth:1";
      daemon.docker("tag", "busybox:e2e", berthImage).ok();
      daemon.docker("push", berthImage).ok(); // htpasswd alone: every user may do everything
      assertTrue(registry.log().contains("user=\"alice\" action=push repository=basic/app"), registry.log());
      assertTrue(registry.log().contains("user=\"bob\" action=pull repository=basic/app"), registry.log());
      reference.docker("logout", registry.host()).ok();
      daemon.docker("logout", registry.host()).ok();
    }
  }

  @Test
  void tls() throws IOException {
    try (TestCa ca = TestCa.create()) {
      ca.issue("server", "127.0.0.1");
      try (BerthRegistry registry = BerthRegistry.start("--tls-cert", ca.cert("server").toString(),
          "--tls-key", ca.key("server").toString())) {
        Path certDir = Files.createDirectories(files.resolve("certs"));
        Files.copy(ca.caCert(), certDir.resolve("ca.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String image = registry.host() + "/tls/app:1";
        reference.docker("tag", "busybox:e2e", image).ok();
        reference.docker("push", image).ok(); // loopback: Docker's default insecure registry, over TLS
        Result inspect = Berthd.exec(List.of("skopeo", "inspect", "--cert-dir", certDir.toString(),
            "docker://" + image), Map.of(), null).ok();
        assertTrue(inspect.out().contains("\"1\""), inspect.out());
        Result curl = Berthd.exec(List.of("curl", "-sS", "--cacert", ca.caCert().toString(),
            "https://" + registry.host() + "/v2/_catalog"), Map.of(), null).ok();
        assertEquals("{\"repositories\":[\"tls/app\"]}", curl.line());
        Result plain = Berthd.exec(List.of("curl", "-sS", "http://" + registry.host() + "/v2/"), Map.of(), null);
        assertNotEquals("{}", plain.line());
      }
    }
  }

  @Test
  void tokenServiceWithPermissionsAndAnonymousPull() throws IOException {
    try (BerthRegistry registry = BerthRegistry.start("--htpasswd", files.resolve("htpasswd").toString(),
        "--access", files.resolve("access").toString())) {
      String team = registry.host() + "/team/app:1";
      String pub = registry.host() + "/public/base:1";
      reference.docker("tag", "busybox:e2e", team).ok();
      reference.docker("tag", "busybox:e2e", pub).ok();
      assertTrue(reference.docker("login", "-u", "alice", "-p", "wonderland", registry.host()).ok().out()
          .contains("Login Succeeded"));
      reference.docker("push", team).ok();
      reference.docker("push", pub).ok();
      reference.docker("logout", registry.host()).ok();

      // bob may pull team/* but not push there
      daemon.docker("login", "-u", "bob", "-p", "builder", registry.host()).ok();
      daemon.docker("pull", team).ok();
      String bobs = registry.host() + "/team/bobs:1";
      daemon.docker("tag", "busybox:e2e", bobs).ok();
      Result push = daemon.docker("push", bobs);
      assertNotEquals(0, push.exit(), push.toString());
      daemon.docker("logout", registry.host()).ok();

      // nobody logged in: public/* pulls, team/* does not
      reference.docker("rmi", pub, team).ok();
      reference.docker("pull", pub).ok();
      assertNotEquals(0, reference.docker("pull", team).exit());
      String log = registry.log();
      assertTrue(log.contains("user=\"bob\" action=login result=ok"), log);
      assertTrue(log.contains("user=\"anonymous\" action=pull repository=public/base"), log);
    }
  }
}
