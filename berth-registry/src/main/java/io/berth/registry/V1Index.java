package io.berth.registry;

import io.berth.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A registry's v1 index, which only search still uses: {@code GET /v1/_ping} (any answer shows
 * the index is there) and {@code GET /v1/search?q=&n=}, with Basic credentials when there are
 * some, as dockerd's v1 session sends them.
 */
public final class V1Index {
  /** One search hit, as the index lists it. */
  public record Result(String name, String description, int starCount, boolean official, boolean automated) {}

  private final RegistryHttp http;
  private final URI base;
  private final Endpoint.Tls tls;
  private final Credentials credentials;

  /** {@code base} is the index's address without the version path ({@code http://127.0.0.1:5000}). */
  public V1Index(RegistryHttp http, URI base, Endpoint.Tls tls, Credentials credentials) {
    this.http = http;
    this.base = base;
    this.tls = tls;
    this.credentials = credentials;
  }

  /** dockerd's V1Endpoint.String: the address with {@code /v1/}. */
  @Override
  public String toString() {
    return base + "/v1/";
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder b = http.request(uri).GET();
    if (credentials.hasBasic()) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)));
    }
    return b;
  }

  /** Reaches the index; fails with Go's words when nothing answers (any HTTP answer will do). */
  public void ping() throws IOException {
    http.send(tls, request(URI.create(this + "_ping")).timeout(RegistryHttp.PING_TIMEOUT).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  /** The index's hits for {@code term}, at most {@code limit}; a non-200 answer is dockerd's "Unexpected status code". */
  public List<Result> search(String term, int limit) throws IOException {
    URI uri = URI.create(this + "search?q=" + URLEncoder.encode(term, StandardCharsets.UTF_8) + "&n=" + limit);
    HttpResponse<byte[]> response = http.send(tls, request(uri).header("X-Docker-Token", "true").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new RegistryException(response.statusCode(), "Unexpected status code " + response.statusCode());
    }
    List<Result> results = new ArrayList<>();
    try {
      if (Json.object(response.body()).get("results") instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof Map<?, ?> m) {
            results.add(new Result(String.valueOf(m.get("name")),
                m.get("description") instanceof String d ? d : "",
                m.get("star_count") instanceof Number n ? n.intValue() : 0,
                Boolean.TRUE.equals(m.get("is_official")), Boolean.TRUE.equals(m.get("is_automated"))));
          }
        }
      }
    } catch (IOException e) {
      throw new IOException("error decoding registry search results: " + e.getMessage(), e);
    }
    return results;
  }
}
