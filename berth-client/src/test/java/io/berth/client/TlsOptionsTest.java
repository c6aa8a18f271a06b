package io.berth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsOptionsTest {
  @TempDir
  Path dir;

  @Test
  void flagsAndEnvironmentAsTheDockerCliReadsThem() throws Exception {
    Map<String, String> home = Map.of("HOME", dir.toString());
    assertNull(TlsOptions.resolve(null, null, null, null, null, home));
    assertNull(TlsOptions.resolve(false, null, null, null, null, Map.of("DOCKER_TLS", "1")));
    assertEquals(new TlsOptions(false, dir + "/.docker/ca.pem", "", ""), TlsOptions.resolve(true, null, null, null, null, home));
    assertEquals(new TlsOptions(false, dir + "/.docker/ca.pem", "", ""),
        TlsOptions.resolve(null, false, null, null, null, home), "--tlsverify=false still turns TLS on");
    Files.writeString(dir.resolve("cert.pem"), "x");
    assertEquals(new TlsOptions(true, dir + "/ca.pem", dir + "/cert.pem", ""),
        TlsOptions.resolve(null, null, null, null, null, Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", dir.toString())),
        "a default certificate that exists is used; a missing default key is left out");
    assertEquals(new TlsOptions(true, "/c/ca", "/c/cert", "/c/key"),
        TlsOptions.resolve(null, true, "/c/ca", "/c/cert", "/c/key", Map.of("DOCKER_CONFIG", "/cfg")));
    assertEquals("tcp://localhost:2376", HostAddress.resolve(null, Map.of(), true).toString());
  }

  @Test
  void unusableFilesFailAsTheDockerCliFails() throws Exception {
    TlsOptions missing = new TlsOptions(true, dir + "/ca.pem", "", "");
    assertEquals("unable to resolve docker endpoint: open " + dir + "/ca.pem: no such file or directory",
        assertThrows(TlsConnector.SetupException.class, () -> TlsConnector.load(missing)).getMessage());
    Files.writeString(dir.resolve("ca.pem"), "junk");
    assertEquals("failed to retrieve context tls info: ca.pem seems invalid",
        assertThrows(TlsConnector.SetupException.class, () -> TlsConnector.load(missing)).getMessage());
  }
}
