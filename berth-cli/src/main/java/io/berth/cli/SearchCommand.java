package io.berth.cli;

import io.berth.client.BerthClient;
import io.berth.client.Filters;
import io.berth.client.HttpResponse;
import io.berth.client.JsonParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code search [OPTIONS] TERM}: the Docker CLI's runSearch and its search formatter. */
final class SearchCommand extends AbstractCommand {
  private static final String TABLE = "table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}";
  private static final Map<String, String> HEADER = Map.of("Name", "NAME", "Description", "DESCRIPTION",
      "StarCount", "STARS", "IsOfficial", "OFFICIAL");
  private final Flag filter = flags.list("f", "filter", "filter", "Filter output based on conditions provided");
  private final Flag format = flags.string(null, "format", "string", "Pretty-print search using a Go template");
  private final Flag limit = flags.integer(null, "limit", "int", "Max number of search results");
  private final Flag noTrunc = flags.bool(null, "no-trunc", "Don't truncate output");

  @Override
  public int run(CliContext ctx) throws IOException {
    Args.exactly(flags.args(), 1, "search");
    String term = flags.args().getFirst();
    Filters filters = FilterFlags.parse(filter.list(), "search");
    if (filters.contains("is-automated")) {
      ctx.err().println("WARNING: the \"is-automated\" filter is deprecated, and searching for \"is-automated=true\" "
          + "will not yield any results in future.");
    }
    BerthClient.Query query = new BerthClient.Query().add("term", term);
    if (limit.intValue() > 0) {
      query.add("limit", Integer.toString(limit.intValue()));
    }
    if (!filters.isEmpty()) {
      query.add("filters", filters.toJson());
    }
    String auth = DockerConfig.load(ctx.env()).header(indexOf(term));
    List<Object> results;
    try (HttpResponse response = ctx.client().call("GET", "/images/search", query, io.berth.client.RequestBody.NONE,
        Map.of("X-Registry-Auth", auth))) {
      results = JsonParser.parse(response.readBody()) instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }
    String source = format.string().isEmpty() ? OutputFormat.TABLE : format.string();
    OutputFormat output = new OutputFormat(source.equals(OutputFormat.TABLE) ? TABLE : source);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Object o : results) {
      if (o instanceof Map<?, ?> r) {
        rows.add(row(r, !noTrunc.isTrue(), output.isJson()));
      }
    }
    ctx.out().print(output.render(rows, HEADER));
    return 0;
  }

  /** The registry a term searches (registry.ParseSearchIndexInfo): its first part when that names a host. */
  static String indexOf(String term) {
    String[] parts = term.split("/", 2);
    boolean host = parts.length == 2 && (parts[0].contains(".") || parts[0].contains(":")
        || parts[0].equals("localhost"));
    return host && !parts[0].equals("index.docker.io") ? parts[0] : io.berth.common.ImageReference.DEFAULT_DOMAIN;
  }

  /** searchContext: descriptions on one line and cut at 45, OFFICIAL as {@code [OK]} (true/false in JSON). */
  private static Map<String, Object> row(Map<?, ?> r, boolean trunc, boolean json) {
    String description = String.valueOf(r.get("description") == null ? "" : r.get("description"))
        .replace('\n', ' ').replace('\r', ' ');
    boolean official = Boolean.TRUE.equals(r.get("is_official"));
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("Name", String.valueOf(r.get("name")));
    row.put("Description", trunc ? HistoryRows.ellipsis(description, 45) : description);
    row.put("StarCount", r.get("star_count") instanceof Number n ? Long.toString(n.longValue()) : "0");
    row.put("IsOfficial", json ? Boolean.toString(official) : official ? "[OK]" : "");
    return row;
  }
}
