package io.berth.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Docker token server (the realm of distribution's {@code auth: token:}), small enough for a
 * test: {@code GET /token} with Basic credentials (or none: anonymous, granted nothing), and
 * {@code POST /token} with a refresh token it handed out for {@code offline_token=true}. Tokens are
 * JWTs signed RS256 with a key openssl made, the certificate in the {@code x5c} header (the
 * registry trusts it through its {@code rootcertbundle}). Every request is recorded.
 */
final class TokenServer implements AutoCloseable {
  static final String SERVICE = "berth-e2e";
  static final String ISSUER = "berth-e2e-issuer";

  /** One token request: GET or POST, how the client authenticated ("basic", "refresh", "anonymous"), the scopes. */
  record Grant(String method, String auth, List<String> scopes) {}

  final Path dir;
  final List<Grant> grants = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final PrivateKey key;
  private final String certificate;
  private final Map<String, String> users;
  private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();

  private TokenServer(Path dir, Map<String, String> users) throws Exception {
    this.dir = dir;
    this.users = users;
    Berthd.exec(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=token",
        "-keyout", dir.resolve("token.key").toString(), "-out", dir.resolve("token.crt").toString()), Map.of(), null)
        .ok();
    key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pem(dir.resolve("token.key"))));
    certificate = Base64.getEncoder().encodeToString(pem(dir.resolve("token.crt")));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/token", this::token);
    server.start();
  }

  static TokenServer start(Map<String, String> users) throws Exception {
    return new TokenServer(Files.createTempDirectory("berth-e2e-token-"), users);
  }

  String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  /** The registry's {@code auth:} section trusting this server. */
  String registryConfig() {
    return """
        auth:
          token:
            realm: %s
            service: %s
            issuer: %s
            rootcertbundle: %s
        """.formatted(realm(), SERVICE, ISSUER, dir.resolve("token.crt"));
  }

  private static byte[] pem(Path file) throws IOException {
    String text = Files.readString(file);
    String body = text.substring(text.indexOf('\n', text.indexOf("-----BEGIN")) + 1, text.indexOf("-----END"));
    return Base64.getMimeDecoder().decode(body);
  }

  private void token(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, List<String>> params = new LinkedHashMap<>();
      parse(exchange.getRequestURI().getRawQuery(), params);
      if (exchange.getRequestMethod().equals("POST")) {
        parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
      }
      List<String> scopes = params.getOrDefault("scope", List.of());
      String user = null;
      String how = "anonymous";
      String basic = exchange.getRequestHeaders().getFirst("Authorization");
      if (exchange.getRequestMethod().equals("POST")) {
        how = "refresh";
        user = refreshTokens.get(first(params, "refresh_token"));
        if (user == null) {
          reply(exchange, 401, "{\"error\":\"invalid_grant\"}");
          return;
        }
      } else if (basic != null) {
        how = "basic";
        String[] pair = new String(Base64.getDecoder().decode(basic.substring("Basic ".length())),
            StandardCharsets.UTF_8).split(":", 2);
        if (!pair[1].equals(users.get(pair[0]))) {
          reply(exchange, 401, "{\"details\":\"incorrect username or password\"}");
          return;
        }
        user = pair[0];
      }
      grants.add(new Grant(exchange.getRequestMethod(), how, scopes));
      StringBuilder json = new StringBuilder("{\"token\":\"" + jwt(user, first(params, "service"), scopes)
          + "\",\"expires_in\":300,\"issued_at\":\"" + Instant.now() + "\"");
      if (user != null && "true".equals(first(params, "offline_token"))) {
        String refresh = "rt-" + UUID.randomUUID();
        refreshTokens.put(refresh, user);
        json.append(",\"refresh_token\":\"").append(refresh).append('"');
      }
      reply(exchange, 200, json.append('}').toString());
    } catch (Exception e) {
      reply(exchange, 500, "{\"details\":\"" + e + "\"}");
    }
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? "" : values.getFirst();
  }

  private static void parse(String query, Map<String, List<String>> into) {
    if (query == null || query.isEmpty()) {
      return;
    }
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      into.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
          .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** A token granting a known user every action asked for on repositories under {@code e2e/}; anonymous gets none. */
  private String jwt(String user, String service, List<String> scopes) throws Exception {
    StringBuilder access = new StringBuilder();
    if (user != null) {
      for (String scope : scopes) {
        String[] parts = scope.split(":"); // repository:NAME:ACTIONS (NAME never holds a colon here)
        if (parts.length == 3 && parts[0].equals("repository") && parts[1].startsWith("e2e/")) {
          access.append(access.isEmpty() ? "" : ",").append("{\"type\":\"repository\",\"name\":\"").append(parts[1])
              .append("\",\"actions\":[\"").append(String.join("\",\"", parts[2].split(","))).append("\"]}");
        }
      }
    }
    long now = Instant.now().getEpochSecond();
    String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[\"" + certificate + "\"]}";
    String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + (user == null ? "" : user) + "\",\"aud\":\"" + service
        + "\",\"exp\":" + (now + 300) + ",\"nbf\":" + (now - 10) + ",\"iat\":" + now + ",\"jti\":\""
        + UUID.randomUUID() + "\",\"access\":[" + access + "]}";
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String signed = url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(key);
    rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
    return signed + "." + url.encodeToString(rsa.sign());
  }

  @Override
  public void close() {
    server.stop(0);
    Berthd.deleteTree(dir);
  }
}
