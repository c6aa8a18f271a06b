package io.berth.engine.distribution;

import io.berth.common.BerthException;
import io.berth.common.Filters;
import io.berth.common.ImageReference;
import io.berth.registry.Credentials;
import io.berth.registry.RegistryException;
import io.berth.registry.V1Index;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code docker search}, as dockerd 20.10's: the term names an index (Docker Hub's unless its first
 * part is a host), the index is pinged over https (and http for an insecure registry), then asked
 * for its {@code /v1/search}; the hits are filtered by {@code is-official}, {@code is-automated}
 * and {@code stars}. A registry without a v1 index (distribution's) answers "Unexpected status code 404".
 */
public final class SearchService {
  public static final int DEFAULT_LIMIT = 25;
  private static final Set<String> FILTERS = Set.of("is-automated", "is-official", "stars");
  private final Registries registries;

  SearchService(Registries registries) {
    this.registries = registries;
  }

  /** Checks the filters before anything is asked of a registry (dockerd's order). */
  public static Filters validate(Filters filters) {
    filters.validate(FILTERS);
    for (String key : List.of("is-automated", "is-official")) {
      List<String> values = filters.get(key);
      if (filters.has(key) && !(values.size() == 1 && (values.getFirst().equals("true")
          || values.getFirst().equals("false")))) {
        throw invalidFilter(key, "[" + String.join(" ", values) + "]");
      }
    }
    for (String stars : filters.get("stars")) {
      try {
        Integer.parseInt(stars);
      } catch (NumberFormatException e) {
        throw invalidFilter("stars", stars);
      }
    }
    return filters;
  }

  private static BerthException.InvalidParameter invalidFilter(String key, String value) {
    return new BerthException.InvalidParameter("invalid filter '" + key + "=" + value + "'");
  }

  public List<V1Index.Result> search(String term, int limit, Filters filters, Credentials credentials)
      throws IOException {
    validate(filters);
    if (term.contains("://")) {
      throw new BerthException.InvalidParameter("Invalid repository name (ex: \"registry.domain.tld/myrepos\")");
    }
    String[] parts = term.split("/", 2);
    boolean hub = parts.length == 1 || !parts[0].contains(".") && !parts[0].contains(":")
        && !parts[0].equals("localhost");
    String indexName = hub ? ImageReference.DEFAULT_DOMAIN
        : parts[0].equals("index.docker.io") ? ImageReference.DEFAULT_DOMAIN : parts[0];
    String remote = hub ? term : parts[1];
    V1Index index = reach(indexName, credentials);
    if (limit < 1 || limit > 100) {
      throw new BerthException.InvalidParameter("Limit " + limit + " is outside the range of [1, 100]");
    }
    if (indexName.equals(ImageReference.DEFAULT_DOMAIN) && remote.startsWith("library/")) {
      remote = remote.substring("library/".length());
    }
    List<V1Index.Result> hits;
    try {
      hits = index.search(remote, limit);
    } catch (RegistryException e) {
      throw new IOException(e.getMessage(), e);
    }
    int minStars = filters.get("stars").stream().mapToInt(Integer::parseInt).max().orElse(0);
    List<V1Index.Result> out = new ArrayList<>();
    for (V1Index.Result r : hits) {
      if (filters.has("is-automated") && r.automated() != filters.get("is-automated").getFirst().equals("true")
          || filters.has("is-official") && r.official() != filters.get("is-official").getFirst().equals("true")
          || filters.has("stars") && r.starCount() < minStars) {
        continue;
      }
      out.add(r);
    }
    return out;
  }

  /** dockerd's validateEndpoint: https first; an insecure registry falls back to http; errors in its words. */
  private V1Index reach(String indexName, Credentials credentials) throws IOException {
    V1Index https = registries.index(indexName, "https", credentials);
    if (indexName.equals(ImageReference.DEFAULT_DOMAIN)) {
      return https; // dockerd never pings Docker Hub's index
    }
    try {
      https.ping();
      return https;
    } catch (IOException tlsError) {
      if (registries.config().secure(indexName)) {
        throw new IOException("invalid registry endpoint " + https + ": " + tlsError.getMessage() + ". If this "
            + "private registry supports only HTTP or HTTPS with an unknown CA certificate, please add "
            + "`--insecure-registry " + indexName + "` to the daemon's arguments. In the case of HTTPS, if you have "
            + "access to the registry's CA certificate, no need for the flag; simply place the CA certificate at "
            + "/etc/docker/certs.d/" + indexName + "/ca.crt", tlsError);
      }
      V1Index http = registries.index(indexName, "http", credentials);
      try {
        http.ping();
        return http;
      } catch (IOException plainError) {
        throw new IOException("invalid registry endpoint \"" + http + "\". HTTPS attempt: " + tlsError.getMessage()
            + ". HTTP attempt: " + plainError.getMessage(), plainError);
      }
    }
  }
}
