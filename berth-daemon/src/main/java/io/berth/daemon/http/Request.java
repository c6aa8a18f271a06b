package io.berth.daemon.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.common.BerthException;
import io.berth.common.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as handlers see it: method, decoded path (without the {@code /v1.xx} prefix),
 * the API version the client asked for, path parameters, query, headers and a streamed body.
 */
public final class Request {
  private final String method;
  private final String target;
  private final String fullPath;
  private final Query query;
  private final Headers headers;
  private final InputStream body;
  private final boolean hasBody;
  private final ClientWatch watch;
  private String path;
  private ApiVersion apiVersion = ApiVersion.MAX;
  private Map<String, String> params = Map.of();

  Request(String method, String target, Headers headers, InputStream body, boolean hasBody, ClientWatch watch) {
    this.method = method;
    this.target = target;
    this.fullPath = UrlDecoding.path(rawPath(target));
    this.path = fullPath;
    this.query = Query.parse(rawQuery(target));
    this.headers = headers;
    this.body = body;
    this.hasBody = hasBody;
    this.watch = watch;
  }

  /** A request built in process, for dispatching through a {@link Router} without a socket (tests). */
  public static Request of(String method, String target, Headers headers, byte[] body) {
    byte[] bytes = body == null ? new byte[0] : body;
    return new Request(method, target, headers == null ? new Headers() : headers,
        new ByteArrayInputStream(bytes), bytes.length > 0, ClientWatch.NONE);
  }

  public static Request of(String method, String target) {
    return of(method, target, null, null);
  }

  /** The path part of a request target: origin form, or absolute form with scheme and authority dropped. */
  private static String rawPath(String target) {
    String t = target;
    int scheme = t.indexOf("://");
    if (!t.startsWith("/") && scheme > 0) {
      int slash = t.indexOf('/', scheme + 3);
      t = slash < 0 ? "/" : t.substring(slash);
    }
    int q = t.indexOf('?');
    String p = q < 0 ? t : t.substring(0, q);
    int hash = p.indexOf('#');
    return hash < 0 ? p : p.substring(0, hash);
  }

  private static String rawQuery(String target) {
    int q = target.indexOf('?');
    if (q < 0) {
      return null;
    }
    int hash = target.indexOf('#', q);
    return hash < 0 ? target.substring(q + 1) : target.substring(q + 1, hash);
  }

  public String method() {
    return method;
  }

  /** The request target exactly as sent, e.g. {@code /v1.50/images/a%2Fb/json?x=1}. */
  public String target() {
    return target;
  }

  /** The percent-decoded path after the optional version prefix, e.g. {@code /images/a/b/json}. */
  public String path() {
    return path;
  }

  /** The API version from the path prefix, or the server's maximum when there was none. */
  public ApiVersion apiVersion() {
    return apiVersion;
  }

  /** A path parameter of the matched route ({@code {id}} or {@code {name:.*}}), or null. */
  public String param(String name) {
    return params.get(name);
  }

  public Map<String, String> params() {
    return params;
  }

  public Query query() {
    return query;
  }

  /** Shorthand for {@code query().get(name)}. */
  public String query(String name) {
    return query.get(name);
  }

  public Headers headers() {
    return headers;
  }

  public String header(String name) {
    return headers.get(name);
  }

  /** Whether the request carries a body (Content-Length above zero, or chunked). */
  public boolean hasBody() {
    return hasBody;
  }

  /**
   * The body as a stream that ends where the request's body ends. Reading it answers a pending
   * {@code Expect: 100-continue}. Unread bytes are discarded by the server after the response.
   */
  public InputStream body() {
    return body;
  }

  public byte[] bodyBytes() throws IOException {
    return body.readAllBytes();
  }

  /** The body parsed as JSON; an empty or malformed body is a 400 in dockerd's words. */
  public <T> T json(Class<T> type) throws IOException {
    T value = jsonOrNull(type);
    if (value == null) {
      throw new BerthException.InvalidParameter("invalid JSON: got EOF while reading request body");
    }
    return value;
  }

  /** Like {@link #json} but an empty body (or a literal {@code null}) gives {@code null}. */
  public <T> T jsonOrNull(Class<T> type) throws IOException {
    checkJsonContentType();
    byte[] bytes = bodyBytes();
    if (isBlank(bytes)) {
      return null;
    }
    try {
      return Json.MAPPER.readValue(bytes, type);
    } catch (JsonProcessingException e) {
      throw JsonErrors.invalidJson(e);
    }
  }

  /** The body as an ordered JSON object. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> jsonObject() throws IOException {
    return json(Map.class);
  }

  /** moby's CheckForJSON: a declared Content-Type must be JSON; none is fine. */
  private void checkJsonContentType() {
    String type = header("Content-Type");
    if (type == null || type.isEmpty()) {
      return;
    }
    String media = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!media.equals("application/json")) {
      throw new BerthException.InvalidParameter(
          "unsupported Content-Type header (" + type + "): must be 'application/json'");
    }
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /**
   * Runs {@code callback} once when the client closes the connection, so a follower (events,
   * logs -f, stats) can stop. Watching starts once the body has been read to its end.
   */
  public void onClientClose(Runnable callback) {
    watch.onClose(callback);
  }

  /** Whether the client has closed the connection (starts watching, like {@link #onClientClose}). */
  public boolean clientClosed() {
    return watch.closed();
  }

  void route(String path, ApiVersion version, Map<String, String> params) {
    this.path = path;
    this.apiVersion = version;
    this.params = params;
  }

  /** The decoded path including any version prefix: what the router matches. */
  String fullPath() {
    return fullPath;
  }

  @Override
  public String toString() {
    return method + " " + target;
  }
}
