package io.berth.registry;

import io.berth.common.GoStatusText;
import io.berth.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client's conversation with one registry endpoint: the challenges its {@code /v2/} answered
 * with, and the Basic credentials or Bearer tokens (cached per scope until they expire, renewed
 * with a refresh token when the token server gave one) that every call carries. Every registry
 * call goes through {@link #send}, which retries once after a 401 with fresh authorization.
 */
public final class Session {
  private final RegistryHttp http;
  private final Endpoint endpoint;
  private final Credentials credentials;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private volatile List<AuthChallenge> challenges;
  private volatile String refreshToken;

  private record Token(String value, Instant expires) {}

  public Session(RegistryHttp http, Endpoint endpoint, Credentials credentials) {
    this.http = http;
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.refreshToken = credentials.identityToken().isEmpty() ? null : credentials.identityToken();
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  /** {@code GET /v2/}: the registry is reachable and speaks v2; remembers how it wants to be authenticated. */
  public void ping() throws IOException {
    if (challenges != null) {
      return;
    }
    HttpResponse<byte[]> response = http.send(endpoint.tls(), http.request(endpoint.resolve("/v2/"))
        .timeout(RegistryHttp.PING_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    int status = response.statusCode();
    if (status != 401 && (status < 200 || status >= 300)
        && response.headers().firstValue("Docker-Distribution-API-Version").isEmpty()) {
      throw new TransportException("Get \"" + endpoint.resolve("/v2/") + "\": unexpected status " + status, null);
    }
    challenges = status == 401 ? AuthChallenge.parse(response.headers().allValues("WWW-Authenticate")) : List.of();
  }

  /**
   * Checks the credentials as {@code docker login} does: {@code /v2/} answered with them. Returns
   * the identity token the token server handed out for them, or empty.
   */
  public String login() throws IOException {
    ping();
    URI v2 = endpoint.resolve("/v2/");
    HttpResponse<byte[]> response = send(http.request(v2).GET(), "", HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new RegistryException(response.statusCode(), "login attempt to " + v2 + " failed with status: "
          + response.statusCode() + " " + GoStatusText.of(response.statusCode()));
    }
    return refreshToken == null || refreshToken.equals(credentials.identityToken()) ? "" : refreshToken;
  }

  /**
   * Sends with this session's authorization for {@code scope}, once more after a 401. A registry
   * that asks for Basic credentials when there are none fails the request before it is sent, as
   * distribution's auth transport does ({@code Head "URL": no basic auth credentials}).
   */
  public <T> HttpResponse<T> send(HttpRequest.Builder request, String scope, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    ping();
    String auth = authorization(scope, false);
    if (auth == null && wantsBasic()) {
      HttpRequest r = request.copy().build();
      throw RegistryException.noBasicCredentials(RegistryHttp.goMethod(r.method()), r.uri());
    }
    HttpResponse<T> response = http.send(endpoint.tls(), withAuth(request, auth).build(), handler);
    if (response.statusCode() == 401) {
      List<AuthChallenge> fresh = AuthChallenge.parse(response.headers().allValues("WWW-Authenticate"));
      if (!fresh.isEmpty()) {
        challenges = fresh;
      }
      String again = authorization(scope, true);
      if (again != null && !again.equals(auth)) {
        discard(response);
        return http.send(endpoint.tls(), withAuth(request, again).build(), handler);
      }
    }
    return response;
  }

  private static HttpRequest.Builder withAuth(HttpRequest.Builder request, String auth) {
    HttpRequest.Builder copy = request.copy();
    if (auth != null) {
      copy.setHeader("Authorization", auth);
    }
    return copy;
  }

  private static void discard(HttpResponse<?> response) {
    if (response.body() instanceof InputStream in) {
      try {
        in.close();
      } catch (IOException ignored) {
        // the connection is dropped instead of reused
      }
    }
  }

  private boolean wantsBasic() {
    return challenges.stream().anyMatch(AuthChallenge::basic) && !credentials.hasBasic();
  }

  /** The Authorization value for {@code scope}, or null when the registry asked for none. */
  private String authorization(String scope, boolean renew) throws IOException {
    if (!credentials.registryToken().isEmpty()) {
      return "Bearer " + credentials.registryToken();
    }
    for (AuthChallenge c : challenges) {
      if (c.bearer()) {
        Token t = renew ? null : tokens.get(scope);
        if (t == null || Instant.now().isAfter(t.expires())) {
          t = fetchToken(c, scope);
          tokens.put(scope, t);
        }
        return "Bearer " + t.value();
      }
    }
    for (AuthChallenge c : challenges) {
      if (c.basic() && credentials.hasBasic()) {
        return "Basic " + Base64.getEncoder().encodeToString(
            (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
      }
    }
    return null;
  }

  /** distribution's token handler: OAuth2 refresh-token POST when a refresh token is known, else GET with Basic. */
  private Token fetchToken(AuthChallenge challenge, String scope) throws IOException {
    String realm = challenge.parameter("realm");
    if (realm.isEmpty()) {
      throw new RegistryException(401, "no realm specified for token auth challenge");
    }
    String service = challenge.parameter("service");
    HttpRequest.Builder request;
    if (refreshToken != null) {
      StringBuilder form = new StringBuilder("grant_type=refresh_token&refresh_token=" + encode(refreshToken)
          + "&client_id=docker&service=" + encode(service));
      for (String one : scopes(scope)) {
        form.append("&scope=").append(encode(one));
      }
      request = http.request(URI.create(realm)).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
    } else {
      StringBuilder query = new StringBuilder(realm.contains("?") ? "&" : "?");
      query.append("service=").append(encode(service));
      for (String one : scopes(scope)) {
        query.append("&scope=").append(encode(one));
      }
      if (credentials.hasBasic()) {
        query.append("&account=").append(encode(credentials.username()));
        if (scope.isEmpty()) {
          query.append("&client_id=docker&offline_token=true");
        }
      }
      request = http.request(URI.create(realm + query)).GET();
      if (credentials.hasBasic()) {
        request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)));
      }
    }
    HttpRequest built = request.build();
    HttpResponse<byte[]> response = http.send(endpoint.tls(), built, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      RegistryException e = RegistryHttp.error(response, response.body());
      String method = built.method().charAt(0) + built.method().substring(1).toLowerCase();
      throw new RegistryException(e.status(), method + " \"" + built.uri() + "\": " + e.getMessage());
    }
    Map<String, Object> json = Json.object(response.body());
    String token = json.get("token") instanceof String s && !s.isEmpty() ? s
        : json.get("access_token") instanceof String a ? a : "";
    if (token.isEmpty()) {
      throw new RegistryException(401, "authorization server did not include a token in the response");
    }
    if (json.get("refresh_token") instanceof String r && !r.isEmpty()) {
      refreshToken = r;
    }
    long expiresIn = json.get("expires_in") instanceof Number n ? Math.max(n.longValue(), 60) : 60;
    return new Token(token, Instant.now().plusSeconds(expiresIn));
  }

  /** A space-separated scope list, one {@code scope} parameter each (as distribution sends them). */
  private static List<String> scopes(String scope) {
    return scope.isEmpty() ? List.of() : List.of(scope.split(" "));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The repository {@code path} (without the registry host) as seen through this session. */
  public Repository repository(String path) {
    return new Repository(this, http, path);
  }
}
