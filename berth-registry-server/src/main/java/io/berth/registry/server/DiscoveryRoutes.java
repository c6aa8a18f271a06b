package io.berth.registry.server;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** {@code /v2/<name>/tags/list} and {@code /v2/_catalog}, both paginated with {@code n} and {@code last}. */
final class DiscoveryRoutes {
  private final Store store;

  DiscoveryRoutes(Store store) {
    this.store = store;
  }

  void tags(Call call, String repository) throws IOException {
    if (!store.repositories.exists(repository)) {
      throw ErrorCode.NAME_UNKNOWN.error(Detail.of("name", repository));
    }
    List<String> page = page(call, store.repositories.tags(repository), "/v2/" + repository + "/tags/list");
    call.json(200, Detail.of("name", repository, "tags", page));
  }

  void catalog(Call call) throws IOException {
    List<String> page = page(call, store.repositories.catalog(), "/v2/_catalog");
    call.json(200, Map.of("repositories", page));
  }

  /**
   * {@code GET /v1/search?q=&n=}: the repositories whose name holds the term (case-insensitively) and that
   * {@code visible} lets the caller see, as Docker's v1 index answers ({@code docker search}, {@code berth
   * search HOST/TERM}).
   */
  void search(Call call, java.util.function.Predicate<String> visible) throws IOException {
    String term = call.query("q") == null ? "" : call.query("q").toLowerCase(java.util.Locale.ROOT);
    int limit = 25;
    String n = call.query("n");
    if (n != null && !n.isEmpty()) {
      try {
        limit = Integer.parseInt(n);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > 100) {
        throw ErrorCode.PAGINATION_NUMBER_INVALID.error(Detail.of("n", n));
      }
    }
    List<Object> results = new java.util.ArrayList<>();
    int found = 0;
    for (String name : store.repositories.catalog()) {
      if (name.contains(term) && visible.test(name)) {
        found++;
        if (results.size() < limit) {
          results.add(Detail.of("name", name, "description", "", "star_count", 0, "is_official", false,
              "is_automated", false));
        }
      }
    }
    call.json(200, Detail.of("num_results", found, "query", call.query("q") == null ? "" : call.query("q"),
        "results", results));
  }

  /**
   * The part of a sorted list after {@code last}, at most {@code n} long; a {@code Link} header names the
   * next page when more follow, as distribution does.
   */
  private static List<String> page(Call call, List<String> all, String path) {
    String last = call.query("last");
    String nText = call.query("n");
    int n = Integer.MAX_VALUE;
    if (nText != null && !nText.isEmpty()) {
      try {
        n = Integer.parseInt(nText);
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 0) {
        throw ErrorCode.PAGINATION_NUMBER_INVALID.error(Detail.of("n", nText));
      }
    }
    int from = 0;
    if (last != null && !last.isEmpty()) {
      while (from < all.size() && all.get(from).compareTo(last) <= 0) {
        from++;
      }
    }
    int to = (int) Math.min(all.size(), (long) from + n);
    List<String> page = all.subList(from, to);
    if (to < all.size() && !page.isEmpty()) {
      call.header("Link", "<" + path + "?last=" + URLEncoder.encode(page.getLast(), StandardCharsets.UTF_8)
          + "&n=" + n + ">; rel=\"next\"");
    }
    return page;
  }
}
