package io.berth.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refused server certificates in crypto/x509's words, on certificates openssl makes. */
class GoX509Test {
  @TempDir
  Path dir;

  private X509Certificate cert(String name, String... extra) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
        "1", "-subj", "/CN=" + name, "-keyout", dir.resolve(name + ".key").toString(), "-out",
        dir.resolve(name + ".crt").toString()));
    cmd.addAll(List.of(extra));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IOException("openssl failed");
    }
    try (InputStream in = Files.newInputStream(dir.resolve(name + ".crt"))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  @Test
  void reasonsInGosOrderAndWords() throws Exception {
    X509Certificate ip = cert("ip", "-addext", "subjectAltName=IP:10.0.0.1");
    X509Certificate dns = cert("dns", "-addext", "subjectAltName=DNS:a.example,DNS:*.b.example");
    X509Certificate legacy = cert("legacy");
    Instant now = Instant.now().plusSeconds(5); // made within the second before: valid by then
    assertEquals("x509: certificate is valid for 10.0.0.1, not 10.0.0.2", GoX509.reason(ip, "10.0.0.2", now));
    assertEquals("x509: certificate signed by unknown authority", GoX509.reason(ip, "10.0.0.1", now));
    assertEquals("x509: certificate signed by unknown authority", GoX509.reason(dns, "X.b.example", now));
    assertEquals("x509: certificate is valid for a.example, *.b.example, not c.example",
        GoX509.reason(dns, "c.example", now));
    assertEquals("x509: cannot validate certificate for 10.0.0.1 because it doesn't contain any IP SANs",
        GoX509.reason(dns, "10.0.0.1", now));
    assertEquals("x509: certificate relies on legacy Common Name field, use SANs instead",
        GoX509.reason(legacy, "legacy", now));
    Instant later = now.plusSeconds(3 * 86400);
    assertEquals("x509: certificate has expired or is not yet valid: current time " + later.truncatedTo(
        java.time.temporal.ChronoUnit.SECONDS) + " is after " + ip.getNotAfter().toInstant(),
        GoX509.reason(ip, "10.0.0.1", later));
  }
}
