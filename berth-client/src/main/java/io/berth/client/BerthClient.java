package io.berth.client;

import io.berth.common.BerthException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Engine API client: one HTTP exchange per call over a fresh connection, paths prefixed with
 * the negotiated API version. Daemon errors come back as {@link BerthException} (by status) or
 * {@link DaemonException}; an unreachable socket as {@link DaemonUnreachableException}.
 */
public final class BerthClient {
  private final HostAddress host;
  private final TlsConnector tls;
  private String apiVersion;
  private final boolean pinned;

  /**
   * @param fixedVersion a version to use without negotiating (DOCKER_API_VERSION), or null
   */
  public BerthClient(HostAddress host, String fixedVersion) {
    this(host, fixedVersion, null);
  }

  /** A client that speaks TLS to a TCP host when {@code tls} is not null. */
  public BerthClient(HostAddress host, String fixedVersion, TlsConnector tls) {
    this.host = host;
    this.tls = tls;
    this.pinned = fixedVersion != null && !fixedVersion.isBlank();
    this.apiVersion = pinned ? fixedVersion.strip() : null;
  }

  private Connection connect() {
    return Connection.open(host, tls);
  }

  /**
   * A failed exchange in the Docker CLI's words: {@code error during connect: Get "https://h:p/v1.50/x": reason},
   * with Go's wording of a TLS failure.
   */
  private UncheckedIOException connectFailure(String method, String target, IOException e) {
    boolean https = tls != null && tls.active() && !host.isUnix();
    String reason = https ? TlsConnector.describe(e, host) : e.getMessage();
    String hostPart = host.isUnix() ? URLEncoder.encode(host.path(), StandardCharsets.UTF_8) : host.hostHeader();
    String op = method.charAt(0) + method.substring(1).toLowerCase(java.util.Locale.ROOT);
    return new UncheckedIOException("error during connect: " + op + " \"" + (https ? "https" : "http") + "://" + hostPart
        + target + "\": " + reason, e);
  }

  public HostAddress host() {
    return host;
  }

  /** The API version in use, negotiated with {@code /_ping} on first use like the Docker CLI. */
  public String apiVersion() {
    if (apiVersion == null) {
      String server = null;
      try (HttpResponse ping = connect().exchange("HEAD", "/_ping", Map.of(), RequestBody.NONE)) {
        server = ping.header("Api-Version");
      } catch (DaemonUnreachableException | IOException e) {
        // Like Docker: keep the default; the real request reports the failure.
      }
      apiVersion = ApiVersion.negotiate(server);
    }
    return apiVersion;
  }

  /** {@code HEAD /_ping}: the daemon's headers (Api-Version, OSType, ...). */
  public Map<String, List<String>> ping() {
    try (HttpResponse response = connect().exchange("HEAD", "/_ping", Map.of(), RequestBody.NONE)) {
      return response.headers();
    } catch (IOException e) {
      throw new DaemonUnreachableException(host, e);
    }
  }

  // ---- generic calls -------------------------------------------------------------------------

  /**
   * Sends a request to {@code /v<api><path>} and returns the response once its status is a
   * success; the caller reads and closes the body.
   */
  public HttpResponse call(String method, String path, Query query, RequestBody body) {
    return call(method, path, query, body, Map.of());
  }

  public HttpResponse call(String method, String path, Query query, RequestBody body,
      Map<String, String> headers) {
    String target = "/v" + apiVersion() + path + (query == null ? "" : query.encode());
    Connection connection = connect();
    HttpResponse response;
    try {
      response = connection.exchange(method, target, headers, body);
    } catch (IOException e) {
      closeQuietly(connection);
      throw connectFailure(method, target, e);
    }
    if (response.status() >= 400) {
      String message = errorMessage(response);
      closeQuietly(response);
      BerthException known = StatusErrors.fromStatus(response.status(), message);
      throw known != null ? known : new DaemonException(response.status(), message);
    }
    return response;
  }

  /** A call whose whole answer is one JSON value. */
  public Object json(String method, String path, Query query, RequestBody body) {
    try (HttpResponse response = call(method, path, query, body)) {
      byte[] bytes = response.readBody();
      return bytes.length == 0 ? null : JsonParser.parse(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> object(String method, String path, Query query) {
    Object value = json(method, path, query, RequestBody.NONE);
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : new LinkedHashMap<>();
  }

  @SuppressWarnings("unchecked")
  public List<Object> array(String method, String path, Query query) {
    Object value = json(method, path, query, RequestBody.NONE);
    return value instanceof List<?> list ? (List<Object>) list : List.of();
  }

  /** Upgrades the connection ({@code Connection: Upgrade}, {@code Upgrade: tcp}) for attach/exec. */
  public HijackedStream hijack(String path, Query query, RequestBody body) {
    String target = "/v" + apiVersion() + path + (query == null ? "" : query.encode());
    Connection connection = connect();
    try {
      HttpResponse response = connection.exchange("POST", target,
          Map.of("Connection", "Upgrade", "Upgrade", "tcp"), body);
      if (response.status() >= 400) {
        String message = errorMessage(response);
        closeQuietly(connection);
        BerthException known = StatusErrors.fromStatus(response.status(), message);
        throw known != null ? known : new DaemonException(response.status(), message);
      }
      return new HijackedStream(connection, response.body());
    } catch (IOException e) {
      closeQuietly(connection);
      throw connectFailure("POST", target, e);
    }
  }

  // ---- endpoints -----------------------------------------------------------------------------

  public Map<String, Object> version() {
    return object("GET", "/version", null);
  }

  public Map<String, Object> info() {
    return object("GET", "/info", null);
  }

  public List<Object> listImages(boolean all, Filters filters) {
    return array("GET", "/images/json", new Query().flag("all", all).filters(filters));
  }

  public Map<String, Object> inspectImage(String name) {
    return object("GET", "/images/" + pathEscape(name) + "/json", null);
  }

  /**
   * The image's JSON exactly as the daemon wrote it (for {@code inspect}'s indented output); {@code platform}
   * (an OCI platform as JSON, or null) must be the image's.
   */
  public String inspectImageRaw(String name, String platform) {
    try (HttpResponse response = call("GET", "/images/" + pathEscape(name) + "/json",
        new Query().addNonEmpty("platform", platform), RequestBody.NONE)) {
      return new String(response.readBody(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code GET /images/{name}/history}; {@code platform} (an OCI platform as JSON, or null) must be the image's. */
  public List<Object> imageHistory(String name, String platform) {
    return array("GET", "/images/" + pathEscape(name) + "/history", new Query().addNonEmpty("platform", platform));
  }

  public void tagImage(String source, String repository, String tag) {
    Query query = new Query().add("repo", repository);
    if (tag != null) {
      query.add("tag", tag);
    }
    json("POST", "/images/" + pathEscape(source) + "/tag", query, RequestBody.NONE);
  }

  /**
   * {@code DELETE /images/{name}}: the list of {@code {"Untagged":..}} / {@code {"Deleted":..}}; {@code platforms}
   * (OCI platforms as JSON) narrow it to those.
   */
  public List<Object> removeImage(String name, boolean force, boolean noPrune, List<String> platforms) {
    Query query = new Query().flag("force", force).flag("noprune", noPrune);
    platforms.forEach(p -> query.add("platforms", p));
    return array("DELETE", "/images/" + pathEscape(name), query);
  }

  public Map<String, Object> pruneImages(Filters filters) {
    return object("POST", "/images/prune", new Query().filters(filters));
  }

  /** {@code GET /images/get}: the tar stream of the named images, each for {@code platform} (JSON) if not null. */
  public HttpResponse saveImages(List<String> names, String platform) {
    Query query = new Query();
    names.forEach(n -> query.add("names", n));
    query.addNonEmpty("platform", platform);
    return call("GET", "/images/get", query, RequestBody.NONE);
  }

  /**
   * {@code POST /images/load}: uploads a tar, of which only the images for {@code platform} (JSON) are loaded if
   * it is not null; the response is a JSON progress stream.
   */
  public HttpResponse loadImages(InputStream tar, boolean quiet, String platform) {
    return call("POST", "/images/load", new Query().add("quiet", quiet ? "1" : "0").addNonEmpty("platform", platform),
        RequestBody.stream(tar, "application/x-tar"));
  }

  /** {@code POST /images/create?fromSrc=-}: imports a rootfs tar; JSON progress stream. */
  public HttpResponse importImage(InputStream tar, String repo, String tag, String message,
      List<String> changes, String platform) {
    Query query = new Query().add("fromSrc", "-");
    if (repo != null) {
      query.add("repo", repo);
    }
    if (tag != null) {
      query.add("tag", tag);
    }
    query.addNonEmpty("message", message);
    changes.forEach(c -> query.add("changes", c));
    query.addNonEmpty("platform", platform);
    return call("POST", "/images/create", query, RequestBody.stream(tar, "application/x-tar"));
  }

  /**
   * {@code POST /build}: the context tar and the build's query parameters (as the Docker CLI sends them);
   * {@code headers} adds X-Registry-Config or berth's secrets. The answer is the builder's JSON stream.
   */
  public HttpResponse build(InputStream context, Map<String, List<String>> parameters, Map<String, String> headers) {
    Query query = new Query();
    parameters.forEach((k, values) -> values.forEach(v -> query.add(k, v)));
    return call("POST", "/build", query, RequestBody.stream(context, "application/x-tar"), headers);
  }

  /** {@code POST /build/prune}. */
  public Map<String, Object> pruneBuildCache(boolean all, Filters filters, long keepStorage) {
    Query query = new Query().flag("all", all).filters(filters);
    if (keepStorage != 0) {
      query.add("keep-storage", Long.toString(keepStorage));
    }
    return object("POST", "/build/prune", query);
  }

  public Map<String, Object> systemDf() {
    return object("GET", "/system/df", null);
  }

  /** {@code GET /events}: a JSON-lines stream, endless unless {@code until} is given. */
  public HttpResponse events(String since, String until, Filters filters) {
    Query query = new Query();
    if (since != null) {
      query.add("since", since);
    }
    if (until != null) {
      query.add("until", until);
    }
    query.filters(filters);
    return call("GET", "/events", query, RequestBody.NONE);
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** Percent-encodes a path segment the way Go's URL path encoding does, keeping / and :. */
  public static String pathEscape(String segment) {
    StringBuilder sb = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || "-._~/:@!$&'()*+,;=".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  private static String errorMessage(HttpResponse response) {
    try {
      byte[] body = response.readBody();
      String text = new String(body, StandardCharsets.UTF_8).strip();
      if (text.startsWith("{")) {
        try {
          if (JsonParser.parse(text) instanceof Map<?, ?> map && map.get("message") instanceof String m) {
            return m;
          }
        } catch (IOException e) {
          // not JSON after all: report the text
        }
      }
      if (text.isEmpty()) {
        return "request returned " + response.status() + " " + response.reason()
            + " for API route and version, check if the server supports the requested API version";
      }
      return text;
    } catch (IOException e) {
      return response.status() + " " + response.reason();
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing after a failure: the failure is what gets reported
    }
  }

  /** Query parameters in insertion order, form-encoded like Go's url.Values. */
  public static final class Query {
    private final StringBuilder sb = new StringBuilder();

    public Query add(String key, String value) {
      sb.append(sb.isEmpty() ? '?' : '&')
          .append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
      return this;
    }

    /** Adds the pair unless the value is null or empty: the Docker CLI leaves unset options out. */
    public Query addNonEmpty(String key, String value) {
      return value == null || value.isEmpty() ? this : add(key, value);
    }

    /** Adds {@code key=1} for a set boolean option, nothing for an unset one. */
    public Query flag(String key, boolean set) {
      return set ? add(key, "1") : this;
    }

    /** Adds the {@code filters} JSON unless there are none. */
    public Query filters(Filters filters) {
      return filters == null || filters.isEmpty() ? this : add("filters", filters.toJson());
    }

    public String encode() {
      return sb.toString();
    }
  }
}
