package io.berth.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A certificate authority made with openssl for a test: server certificates for an IP, client certificates. */
final class TestCa implements AutoCloseable {
  final Path dir;

  private TestCa(Path dir) {
    this.dir = dir;
  }

  static TestCa create() throws IOException {
    TestCa ca = new TestCa(Files.createTempDirectory("berth-e2e-ca-"));
    ca.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=berth-e2e-ca",
        "-keyout", ca.file("ca.key"), "-out", ca.file("ca.crt"));
    return ca;
  }

  Path caCert() {
    return dir.resolve("ca.crt");
  }

  /** {@code name.crt} and {@code name.key} signed by this CA, valid for {@code ip} (a server) or anyone (a client). */
  void issue(String name, String ip) throws IOException {
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name, "-keyout", file(name + ".key"),
        "-out", file(name + ".csr"));
    Files.writeString(dir.resolve(name + ".ext"), ip == null ? "extendedKeyUsage=clientAuth\n"
        : "subjectAltName=IP:" + ip + "\nextendedKeyUsage=serverAuth\n");
    openssl("x509", "-req", "-in", file(name + ".csr"), "-CA", file("ca.crt"), "-CAkey", file("ca.key"),
        "-CAcreateserial", "-days", "2", "-extfile", file(name + ".ext"), "-out", file(name + ".crt"));
  }

  Path cert(String name) {
    return dir.resolve(name + ".crt");
  }

  Path key(String name) {
    return dir.resolve(name + ".key");
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }

  private void openssl(String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Berthd.exec(cmd, Map.of(), null).ok();
  }

  @Override
  public void close() {
    Berthd.deleteTree(dir);
  }
}
