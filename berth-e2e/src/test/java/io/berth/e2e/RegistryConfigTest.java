package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * berthd's registry settings against real registries: TLS verified with a CA (and a client
 * certificate) from the certs.d directory berthd is pointed at, an insecure registry named by
 * CIDR, a mirror for Docker Hub names, and {@code info} reporting them. Loopback is insecure by
 * default, so the TLS and CIDR registries listen on addresses of a bridge the test makes (no
 * port, no traffic off the host), removed at the end.
 */
class RegistryConfigTest {
  private static final String BRIDGE = "bre2e" + Integer.toHexString(
      java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
  private static final int NET = java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 250);
  private static final String TLS_IP = "10.239." + NET + ".1";
  private static final String PLAIN_IP = "10.239." + NET + ".2";
  private static TestCa ca;
  private static Path certsDir;
  private static LocalRegistry tls;
  private static LocalRegistry mtls;
  private static LocalRegistry plain;
  private static LocalRegistry mirror;
  private static Berthd daemon;
  private static byte[] busybox;

  @BeforeAll
  static void start() throws IOException {
    ip("link", "add", BRIDGE, "type", "bridge");
    ip("addr", "add", TLS_IP + "/32", "dev", BRIDGE);
    ip("addr", "add", PLAIN_IP + "/32", "dev", BRIDGE);
    ip("link", "set", BRIDGE, "up");
    ca = TestCa.create();
    ca.issue("server", TLS_IP);
    ca.issue("client", null);
    String serverTls = """
          tls:
            certificate: %s
            key: %s
        """.formatted(ca.cert("server"), ca.key("server"));
    tls = LocalRegistry.start(TLS_IP, serverTls, "");
    mtls = LocalRegistry.start(TLS_IP, serverTls + """
            clientcas:
              - %s
        """.formatted(ca.caCert()), "");
    plain = LocalRegistry.start(PLAIN_IP, "", "");
    mirror = LocalRegistry.start("");
    certsDir = Files.createTempDirectory("berth-e2e-certs.d-");
    Files.createDirectories(certsDir.resolve(tls.host()));
    Files.copy(ca.caCert(), certsDir.resolve(tls.host()).resolve("ca.crt"));
    Path client = Files.createDirectories(certsDir.resolve(mtls.host()));
    Files.copy(ca.caCert(), client.resolve("ca.crt"));
    Files.copy(ca.cert("client"), client.resolve("client.cert"));
    Files.copy(ca.key("client"), client.resolve("client.key"));
    daemon = Berthd.start("--registry-certs-dir", certsDir.toString(), "--insecure-registry", PLAIN_IP + "/32",
        "--registry-mirror", "http://" + mirror.host());
    busybox = Files.readAllBytes(Fixtures.busyboxTar());
  }

  @AfterAll
  static void stop() {
    Fixtures.closeAll(daemon, tls, mtls, plain, mirror, ca);
    if (certsDir != null) {
      Berthd.deleteTree(certsDir);
    }
    Berthd.exec(List.of("ip", "link", "del", BRIDGE), Map.of(), null);
  }

  private static void ip(String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("ip"));
    cmd.addAll(List.of(args));
    Berthd.exec(cmd, Map.of(), null).ok();
  }

  /** Pushes busybox as {@code ref}, removes it, pulls it back: the same image. */
  private static void roundTrip(String ref) {
    String id = daemon.dockerIn(busybox, "import", "-", ref).ok().line();
    daemon.docker("push", ref).ok();
    daemon.docker("rmi", ref).ok();
    assertTrue(daemon.docker("pull", ref).ok().out().contains("Status: Downloaded newer image for " + ref));
    assertEquals(id, daemon.imageId(ref));
  }

  @Test
  void tlsVerifiedWithTheCaOfCertsD() throws IOException {
    roundTrip(tls.host() + "/e2e/tls:1");
    Path caFile = certsDir.resolve(tls.host()).resolve("ca.crt");
    Files.move(caFile, certsDir.resolve("moved.crt"));
    try {
      Result untrusted = daemon.docker("pull", tls.host() + "/e2e/tls:1");
      assertEquals(1, untrusted.exit(), untrusted.toString());
      assertTrue(untrusted.err().contains("Error response from daemon: Get \"https://" + tls.host()
          + "/v2/\": x509: certificate signed by unknown authority"), untrusted.err());
    } finally {
      Files.move(certsDir.resolve("moved.crt"), caFile);
    }
  }

  @Test
  void clientCertificateFromCertsD() throws IOException {
    roundTrip(mtls.host() + "/e2e/mtls:1");
    Path dir = certsDir.resolve(mtls.host());
    Files.move(dir.resolve("client.cert"), certsDir.resolve("client.cert"));
    try {
      Result refused = daemon.docker("pull", mtls.host() + "/e2e/mtls:1");
      assertEquals(1, refused.exit(), refused.toString());
      assertTrue(refused.err().contains("Missing client certificate client.cert for key client.key"), refused.err());
    } finally {
      Files.move(certsDir.resolve("client.cert"), dir.resolve("client.cert"));
    }
  }

  @Test
  void insecureRegistryByCidr() throws IOException {
    roundTrip(plain.host() + "/e2e/plain:1");
    try (Berthd strict = Berthd.start()) {
      Result r = strict.docker("pull", plain.host() + "/e2e/plain:1");
      assertEquals(1, r.exit(), r.toString());
      assertTrue(r.err().contains("Error response from daemon: Get \"https://" + plain.host()
          + "/v2/\": http: server gave HTTP response to HTTPS client"), r.err());
    }
  }

  @Test
  void dockerHubNamesComeThroughTheMirror() throws IOException {
    String id = daemon.dockerIn(busybox, "import", "-", mirror.host() + "/library/busybox:latest").ok().line();
    daemon.docker("push", mirror.host() + "/library/busybox:latest").ok();
    daemon.docker("rmi", mirror.host() + "/library/busybox:latest").ok();
    Result pull = daemon.docker("pull", "busybox").ok();
    assertTrue(pull.out().contains("latest: Pulling from library/busybox"), pull.out());
    assertTrue(pull.out().contains("Status: Downloaded newer image for busybox:latest"), pull.out());
    assertEquals(id, daemon.imageId("busybox"));
    assertTrue(daemon.berth("pull", "busybox").ok().out().contains("Image is up to date for busybox:latest"));
  }

  @Test
  void infoReportsTheRegistryConfiguration() {
    String json = daemon.docker("info", "--format", "{{json .RegistryConfig}}").ok().line();
    assertTrue(json.contains("\"InsecureRegistryCIDRs\":[\"" + PLAIN_IP + "/32\",\"::1/128\",\"127.0.0.0/8\"]"), json);
    assertTrue(json.contains("\"Mirrors\":[\"http://" + mirror.host() + "/\"]"), json);
    String text = daemon.docker("info").ok().out();
    assertTrue(text.contains(" Registry Mirrors:\n  http://" + mirror.host() + "/\n"), text);
  }
}
