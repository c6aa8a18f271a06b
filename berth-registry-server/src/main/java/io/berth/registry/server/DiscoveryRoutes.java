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
