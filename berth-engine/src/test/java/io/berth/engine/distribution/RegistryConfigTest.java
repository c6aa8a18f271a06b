package io.berth.engine.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.BerthException;
import io.berth.registry.Endpoint;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dockerd's registry service config and endpoint selection (IP literals only: no name is looked up). */
class RegistryConfigTest {
  @TempDir
  Path certs;

  private static RegistryConfig config(List<String> mirrors, List<String> insecure) {
    return RegistryConfig.of(mirrors, insecure, Path.of("/nonexistent-certs.d"), 3, 5, 5);
  }

  private static String refusal(List<String> mirrors, List<String> insecure) {
    return assertThrows(BerthException.InvalidParameter.class, () -> config(mirrors, insecure)).getMessage();
  }

  @Test
  void insecureRegistriesSplitIntoNetworksAndIndexes() {
    RegistryConfig c = config(List.of("https://m.example", "https://m.example/"),
        List.of("10.1.2.3/16", "http://203.0.113.7:5000", "10.1.0.0/16"));
    assertEquals(List.of("https://m.example/"), c.mirrors(), "normalized, duplicates dropped");
    assertEquals(List.of("10.1.0.0/16", "::1/128", "127.0.0.0/8"),
        c.insecureCidrs().stream().map(Object::toString).toList());
    assertEquals(List.of("203.0.113.7:5000", "docker.io"), List.copyOf(c.indexConfigs().keySet()));
    assertFalse(c.indexConfigs().get("203.0.113.7:5000").secure());
    assertEquals(List.of("https://m.example/"), c.indexConfigs().get("docker.io").mirrors());
    assertFalse(c.secure("203.0.113.7:5000"));
    assertTrue(c.secure("203.0.113.7:5001"), "an index name matches with its port");
    assertFalse(c.secure("10.1.9.9:443"));
    assertFalse(c.secure("127.0.0.1:5000"));
    assertFalse(c.secure("localhost:5000"));
    assertTrue(c.secure("docker.io"));
  }

  @Test
  void refusedInDockerdsWords() {
    assertEquals("invalid mirror: unsupported scheme \"ftp\" in \"ftp://x\"", refusal(List.of("ftp://x"), List.of()));
    assertEquals("invalid mirror: query or fragment at end of the URI \"https://x/?a=b\"",
        refusal(List.of("https://x/?a=b"), List.of()));
    assertEquals("invalid mirror: username/password not allowed in URI \"https://u:xxxxx@x\"",
        refusal(List.of("https://u:p@x"), List.of()));
    assertEquals("insecure registry a://b should not contain '://'", refusal(List.of(), List.of("a://b")));
    assertEquals("invalid index name (-x). Cannot begin or end with a hyphen", refusal(List.of(), List.of("-x")));
    assertEquals("insecure registry x:99999 is not valid: invalid port \"99999\"",
        refusal(List.of(), List.of("x:99999")));
    assertEquals("insecure registry a_b is not valid: invalid host \"a_b\"", refusal(List.of(), List.of("a_b")));
  }

  @Test
  void endpointsInDockerdsOrder() throws IOException {
    Registries r = new Registries();
    r.configure(config(List.of("http://127.0.0.1:5001"), List.of()));
    List<Endpoint> hub = r.endpoints("docker.io");
    assertEquals(List.of(URI.create("http://127.0.0.1:5001/"), URI.create(Registries.HUB_ENDPOINT)),
        hub.stream().map(Endpoint::base).toList());
    assertTrue(hub.getFirst().mirror());
    assertFalse(hub.getFirst().tls().verify(), "the loopback mirror is insecure");
    assertTrue(hub.get(1).tls().verify());

    List<Endpoint> local = r.endpoints("127.0.0.1:5000");
    assertEquals(List.of("https://127.0.0.1:5000", "http://127.0.0.1:5000"),
        local.stream().map(e -> e.base().toString()).toList(), "https without verification, then http");
    List<Endpoint> secure = r.endpoints("203.0.113.9:443");
    assertEquals(1, secure.size(), "a secure registry is https only");
  }

  @Test
  void certsDirectoryOfASecureRegistry() throws IOException {
    Registries r = new Registries();
    r.configure(RegistryConfig.of(List.of(), List.of(), certs, 3, 5, 5));
    Path dir = Files.createDirectories(certs.resolve("203.0.113.9:5000"));
    Files.writeString(dir.resolve("ca.crt"), "");
    Files.writeString(dir.resolve("client.cert"), "");
    Files.writeString(dir.resolve("client.key"), "");
    Endpoint.Tls tls = r.endpoints("203.0.113.9:5000").getFirst().tls();
    assertEquals(List.of(dir.resolve("ca.crt")), tls.caFiles());
    assertEquals(dir.resolve("client.cert"), tls.clientCert());
    assertEquals(dir.resolve("client.key"), tls.clientKey());
    Files.delete(dir.resolve("client.key"));
    assertEquals("missing key client.key for client certificate client.cert. Note that CA certificates should use "
        + "the extension .crt", assertThrows(IOException.class, () -> r.endpoints("203.0.113.9:5000")).getMessage());
    Files.delete(dir.resolve("client.cert"));
    Files.writeString(dir.resolve("other.key"), "");
    assertEquals("Missing client certificate other.cert for key other.key",
        assertThrows(IOException.class, () -> r.endpoints("203.0.113.9:5000")).getMessage());
  }
}
