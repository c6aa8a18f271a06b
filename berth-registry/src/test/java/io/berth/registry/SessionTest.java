package io.berth.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.berth.common.Digest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Session and Repository against a small registry and token server on loopback. */
class SessionTest {
  private static final byte[] MANIFEST = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST
      + "\",\"config\":{\"size\":1,\"digest\":\"sha256:" + "a".repeat(64) + "\"},\"layers\":[]}")
      .getBytes(StandardCharsets.UTF_8);
  private HttpServer server;
  private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
  private final RegistryHttp http = new RegistryHttp(ProxySelector.of(null), "berth-test");

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token/v2/", this::tokenRegistry);
    server.createContext("/token", this::token);
    server.createContext("/basic/v2/", e -> reply(e, 401, "Basic realm=\"r\"", "", new byte[0]));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private Session session(String path, Credentials credentials) {
    return new Session(http, new Endpoint("127.0.0.1", URI.create(base() + path), false, Endpoint.Tls.SYSTEM),
        credentials);
  }

  private static void reply(HttpExchange e, int status, String challenge, String type, byte[] body) throws IOException {
    try (e) {
      if (!challenge.isEmpty()) {
        e.getResponseHeaders().set("WWW-Authenticate", challenge);
      }
      if (!type.isEmpty()) {
        e.getResponseHeaders().set("Content-Type", type);
      }
      e.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
      if (e.getRequestMethod().equals("HEAD")) {
        e.getResponseHeaders().set("Docker-Content-Digest", Digest.sha256(MANIFEST).toString());
        e.sendResponseHeaders(status, -1);
        return;
      }
      e.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      e.getResponseBody().write(body);
    }
  }

  private void token(HttpExchange e) throws IOException {
    String body = new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    tokenRequests.add(e.getRequestMethod() + " " + (body.isEmpty() ? e.getRequestURI().getRawQuery() : body));
    reply(e, 200, "", "application/json",
        ("{\"token\":\"t" + tokenRequests.size() + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8));
  }

  /** /v2/ asks for a token; a manifest needs one; other paths are unknown manifests. */
  private void tokenRegistry(HttpExchange e) throws IOException {
    String challenge = "Bearer realm=\"" + base() + "/token\",service=\"svc\"";
    String auth = e.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer t")) {
      reply(e, 401, challenge, "application/json", "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"x\"}]}"
          .getBytes(StandardCharsets.UTF_8));
    } else if (e.getRequestURI().getPath().endsWith("/manifests/1")) {
      reply(e, 200, "", MediaTypes.DOCKER_MANIFEST, MANIFEST);
    } else {
      reply(e, 404, "", "application/json; charset=utf-8",
          "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\",\"detail\":{}}]}"
              .getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void tokensAreFetchedOncePerScope() throws Exception {
    Repository repo = session("/token", Credentials.ANONYMOUS).repository("a/b");
    assertEquals(Digest.sha256(MANIFEST), repo.resolveTag("1").digest());
    assertEquals(Digest.sha256(MANIFEST), repo.manifest("1").digest());
    repo.manifest("1");
    assertEquals(List.of("GET service=svc&scope=repository%3Aa%2Fb%3Apull"), tokenRequests);
    repo.stat(Digest.sha256(new byte[0]));
    assertEquals(2, tokenRequests.size());
    assertEquals("GET service=svc&scope=repository%3Aa%2Fb%3Apull%2Cpush", tokenRequests.get(1));
  }

  @Test
  void anIdentityTokenIsExchangedAsARefreshToken() throws Exception {
    session("/token", new Credentials("", "", "rt-1", "")).repository("a/b").manifest("1");
    assertEquals(List.of("POST grant_type=refresh_token&refresh_token=rt-1&client_id=docker&service=svc"
        + "&scope=repository%3Aa%2Fb%3Apull"), tokenRequests);
  }

  @Test
  void basicCredentialsMissingFailBeforeTheRequest() {
    RegistryException e = assertThrows(RegistryException.class,
        () -> session("/basic", Credentials.ANONYMOUS).repository("a/b").resolveTag("1"));
    assertEquals("Head \"" + base() + "/basic/v2/a/b/manifests/1\": no basic auth credentials", e.getMessage());
    assertEquals("no basic auth credentials", e.firstText());
  }

  @Test
  void registryErrorsInDistributionsWords() {
    RegistryException e = assertThrows(RegistryException.class,
        () -> session("/token", Credentials.ANONYMOUS).repository("a/b").manifest("2"));
    assertEquals(404, e.status());
    assertEquals("MANIFEST_UNKNOWN", e.code());
    assertEquals("manifest unknown: manifest unknown", e.getMessage());
  }

  @Test
  void refusedConnectionInGoWords() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Session s = new Session(http, new Endpoint("127.0.0.1:" + port, URI.create("http://127.0.0.1:" + port), false,
        Endpoint.Tls.SYSTEM), Credentials.ANONYMOUS);
    TransportException e = assertThrows(TransportException.class, s::ping);
    assertEquals("Get \"http://127.0.0.1:" + port + "/v2/\": dial tcp 127.0.0.1:" + port
        + ": connect: connection refused", e.getMessage());
    assertTrue(e.getCause() instanceof java.net.ConnectException);
  }
}
