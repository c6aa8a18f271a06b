package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * berthd serving the API over TLS on TCP with --tlsverify, driven by the Docker CLI, bin/berth and
 * docker-py, with certificates made by openssl as Docker's "protect the daemon socket" guide makes
 * them: a client with the CA's certificate is served (plain requests, run, attach and exec over
 * TLS); one without a certificate, or with another CA's, is refused.
 */
class TlsTest {
  private static Path certs;
  private static Berthd daemon;
  private static String host;

  @BeforeAll
  static void start() throws IOException {
    certs = Files.createTempDirectory("berth-e2e-tls-");
    makeCertificates(certs);
    host = "tcp://127.0.0.1:" + Berthd.freePort();
    daemon = Berthd.startWithBridge("-H", host, "--tlsverify", "--tlscacert", cert("ca.pem"),
        "--tlscert", cert("server-cert.pem"), "--tlskey", cert("server-key.pem"));
    daemon.importBusybox();
  }

  @AfterAll
  static void stop() {
    Fixtures.closeAll(daemon);
    Berthd.deleteTree(certs);
  }

  private static String cert(String name) {
    return certs.resolve(name).toString();
  }

  /**
   * The CA, a server certificate for 127.0.0.1 and localhost, a client one; in other/ the same
   * CA to trust the daemon with but a client certificate of another CA; in nocert/ the CA alone.
   */
  private static void makeCertificates(Path dir) {
    String script = """
        set -e
        openssl genrsa -out ca-key.pem 2048
        openssl req -new -x509 -days 2 -key ca-key.pem -sha256 -subj /CN=berth-e2e-ca -out ca.pem
        openssl genrsa -out server-key.pem 2048
        openssl req -subj /CN=localhost -sha256 -new -key server-key.pem -out server.csr
        printf 'subjectAltName = DNS:localhost,IP:127.0.0.1\\nextendedKeyUsage = serverAuth\\n' > server.cnf
        openssl x509 -req -days 2 -sha256 -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial \\
          -out server-cert.pem -extfile server.cnf
        openssl ecparam -name prime256v1 -genkey -out key.pem
        openssl req -subj /CN=client -new -key key.pem -out client.csr
        printf 'extendedKeyUsage = clientAuth\\n' > client.cnf
        openssl x509 -req -days 2 -sha256 -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial \\
          -out cert.pem -extfile client.cnf
        mkdir other
        openssl genrsa -out other/other-ca-key.pem 2048
        openssl req -new -x509 -days 2 -key other/other-ca-key.pem -sha256 -subj /CN=other-ca -out other/other-ca.pem
        openssl x509 -req -days 2 -sha256 -in client.csr -CA other/other-ca.pem -CAkey other/other-ca-key.pem \\
          -CAcreateserial -out other/cert.pem -extfile client.cnf
        cp key.pem ca.pem other/
        mkdir nocert
        cp ca.pem nocert/ca.pem
        """;
    Berthd.exec(List.of("sh", "-c", "cd " + dir + " && " + script), Map.of(), null).ok();
  }

  /** The Docker CLI with its own config directory (no ~/.docker) and the given environment. */
  private static Result docker(Map<String, String> env, byte[] stdin, String... args) {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent("DOCKER_CONFIG", certs.resolve("docker-config").toString());
    return Berthd.exec(cmd, all, stdin);
  }

  private static Result berth(Map<String, String> env, byte[] stdin, String... args) {
    List<String> cmd = new ArrayList<>(List.of(Berthd.REPO.resolve("bin/berth").toString()));
    cmd.addAll(List.of(args));
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent("DOCKER_CONFIG", certs.resolve("docker-config").toString());
    return Berthd.exec(cmd, all, stdin);
  }

  /** The TLS flags for the files in {@code dir} ("nocert/" has only the CA: no client certificate is sent). */
  private static String[] withFlags(String dir, String... args) {
    List<String> all = new ArrayList<>(List.of("--tlsverify", "--tlscacert", certs.resolve(dir + "ca.pem").toString()));
    if (!dir.equals("nocert/")) {
      all.addAll(List.of("--tlscert", certs.resolve(dir + "cert.pem").toString(), "--tlskey",
          certs.resolve(dir + "key.pem").toString()));
    }
    all.addAll(List.of("-H", host));
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  private static Map<String, String> tlsEnv(String certPath) {
    return Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certPath, "DOCKER_HOST", host);
  }

  private static final byte[] STDIN = "over tls\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void dockerCliWithTheCertificateIsServedByFlagsAndByEnvironment() {
    assertEquals(daemon.docker("version", "--format", "{{.Server.Version}}").ok().line(),
        docker(Map.of(), null, withFlags("", "version", "--format", "{{.Server.Version}}")).ok().line());
    assertEquals("hello", docker(Map.of(), null, withFlags("", "run", "--rm", "busybox", "echo", "hello")).ok().line());
    Map<String, String> env = tlsEnv(certs.toString());
    assertEquals("over tls", docker(env, STDIN, "run", "--rm", "-i", "busybox", "cat").ok().line(), "attach over TLS");
    String id = docker(env, null, "run", "-d", "busybox", "sleep", "60").ok().line();
    try {
      assertEquals("over tls|done", docker(env, STDIN, "exec", "-i", id, "sh", "-c", "tr -d '\\n'; echo '|done'").ok().line(),
          "exec over TLS: stdin's end reaches the process, its output after it reaches the client");
    } finally {
      docker(env, null, "rm", "-f", id);
    }
  }

  @Test
  void berthCliWithTheCertificateIsServedByFlagsAndByEnvironment() {
    assertEquals("hello", berth(Map.of(), null, withFlags("", "run", "--rm", "busybox", "echo", "hello")).ok().line());
    Map<String, String> env = tlsEnv(certs.toString());
    assertTrue(berth(env, null, "version").ok().out().contains("Server:"));
    assertEquals("over tls", berth(env, STDIN, "run", "--rm", "-i", "busybox", "cat").ok().line(), "attach over TLS");
    String id = berth(env, null, "run", "-d", "busybox", "sleep", "60").ok().line();
    try {
      assertEquals("over tls|done", berth(env, STDIN, "exec", "-i", id, "sh", "-c", "tr -d '\\n'; echo '|done'").ok().line());
    } finally {
      berth(env, null, "rm", "-f", id);
    }
  }

  @Test
  void clientsWithoutTheCasCertificateAreRefused() {
    for (String dir : List.of("nocert/", "other/")) {
      Result viaDocker = docker(Map.of(), null, withFlags(dir, "version", "--format", "{{.Server.Version}}"));
      assertNotEquals(0, viaDocker.exit(), viaDocker.toString());
      assertTrue(viaDocker.err().contains("remote error: tls: certificate required"), viaDocker.toString());
      Result viaBerth = berth(Map.of(), null, withFlags(dir, "ps"));
      assertNotEquals(0, viaBerth.exit(), viaBerth.toString());
      assertTrue(viaBerth.err().contains("remote error: tls: certificate required"), viaBerth.toString());
      assertEquals("", viaBerth.out());
    }
    Result plain = docker(Map.of("DOCKER_HOST", host), null, "ps");
    assertNotEquals(0, plain.exit());
    assertTrue(plain.err().contains("Client sent an HTTP request to an HTTPS server."), plain.toString());
    Result plainBerth = berth(Map.of("DOCKER_HOST", host), null, "ps");
    assertTrue(plainBerth.err().contains("Client sent an HTTP request to an HTTPS server."), plainBerth.toString());
  }

  @Test
  void dockerPyWithTheCertificateIsServedAndWithoutItRefused() {
    String script = """
        import docker, sys
        d = sys.argv[1]
        tls = docker.tls.TLSConfig(client_cert=(d + "/cert.pem", d + "/key.pem"), ca_cert=d + "/ca.pem", verify=True)
        client = docker.DockerClient(base_url=sys.argv[2].replace("tcp://", "https://"), tls=tls)
        print(client.version()["ApiVersion"])
        print(client.containers.run("busybox", ["echo", "py"], remove=True).decode().strip())
        c = client.containers.run("busybox", ["sleep", "60"], detach=True)
        try:
            print(c.exec_run(["echo", "exec"]).output.decode().strip())
        finally:
            c.remove(force=True)
        try:
            bare = docker.tls.TLSConfig(ca_cert=d + "/ca.pem", verify=True)
            docker.DockerClient(base_url=sys.argv[2].replace("tcp://", "https://"), tls=bare).version()
            print("served without a certificate")
        except docker.errors.DockerException as e:
            print("refused" if "CERTIFICATE_REQUIRED" in str(e).upper() else "other: " + str(e))
        """;
    // requests prefers $REQUESTS_CA_BUNDLE to docker-py's CA: leave it out, as a user running docker-py would.
    Result py = Berthd.exec(List.of("env", "-u", "REQUESTS_CA_BUNDLE", "-u", "CURL_CA_BUNDLE", "python3", "-c", script,
        certs.toString(), host), Map.of(), null).ok();
    assertEquals(List.of("1.50", "py", "exec", "refused"), py.out().lines().toList(), py.toString());
  }

  @Test
  void anUnreadableCaStopsTheStartWithDockerdsMessage() throws IOException {
    Path dir = Files.createTempDirectory("berth-e2e-tls-ca-");
    Files.writeString(dir.resolve("none.json"), "{}");
    try {
      List<String> cmd = List.of(Berthd.REPO.resolve("bin/berthd").toString(),
          "-H", "tcp://127.0.0.1:" + Berthd.freePort(),
          "--tlsverify", "--tlscacert", "/nonexistent/ca.pem", "--tlscert", cert("server-cert.pem"),
          "--tlskey", cert("server-key.pem"), "--data-root", dir.resolve("data").toString(),
          "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("pid").toString(),
          "--config-file", dir.resolve("none.json").toString());
      Result flags = Berthd.exec(cmd, Map.of(), null);
      assertEquals(1, flags.exit(), flags.toString());
      assertTrue(flags.err().contains("invalid TLS configuration: could not read CA certificate \"/nonexistent/ca.pem\":"
          + " open /nonexistent/ca.pem: no such file or directory"), flags.toString());
      Files.writeString(dir.resolve("daemon.json"), "{\"tlsverify\": true, \"tlscacert\": \"/nonexistent/ca.pem\", "
          + "\"tlscert\": \"" + cert("server-cert.pem") + "\", \"tlskey\": \"" + cert("server-key.pem") + "\"}");
      Result file = Berthd.exec(List.of(Berthd.REPO.resolve("bin/berthd").toString(),
          "-H", "tcp://127.0.0.1:" + Berthd.freePort(),
          "--data-root", dir.resolve("data").toString(), "--exec-root", dir.resolve("exec").toString(),
          "--pidfile", dir.resolve("pid").toString(), "--config-file", dir.resolve("daemon.json").toString()), Map.of(), null);
      assertEquals(1, file.exit(), file.toString());
      assertTrue(file.err().contains("invalid TLS configuration: could not read CA certificate \"/nonexistent/ca.pem\""),
          file.toString());
    } finally {
      Berthd.deleteTree(dir);
    }
  }

  @Test
  void plainTcpWithoutTlsStillServesAsDockerd28Does() throws IOException {
    String plainHost = "tcp://127.0.0.1:" + Berthd.freePort();
    try (Berthd plain = Berthd.start("-H", plainHost)) {
      // Berthd waits for the unix socket; dockerd pauses a second before binding TCP without --tlsverify.
      Result version = null;
      for (int i = 0; i < 50 && (version == null || version.exit() != 0); i++) {
        Fixtures.sleep(100);
        version = docker(Map.of("DOCKER_HOST", plainHost), null, "version", "--format", "{{.Server.Version}}");
      }
      assertEquals(plain.docker("version", "--format", "{{.Server.Version}}").ok().line(), version.ok().line());
      assertTrue(plain.logText().contains("Binding to IP address without --tlsverify is insecure"), plain.logText());
      assertTrue(!plain.logText().contains("Startup is intentionally being slowed down"),
          "a loopback address is not slowed down: " + plain.logText());
    }
  }
}
