package io.berth.cli;

import io.berth.common.Units;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows of {@code history}, as Docker's historyContext. */
final class HistoryRows {
  static final String DEFAULT_TABLE = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
  static final String NON_HUMAN_TABLE = "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
  static final Map<String, String> HEADER = Map.of("ID", "IMAGE", "CreatedSince", "CREATED", "CreatedAt",
      "CREATED AT", "CreatedBy", "CREATED BY", "Size", "SIZE", "Comment", "COMMENT");

  private HistoryRows() {}

  static String format(String source, boolean quiet, boolean human) {
    if (source.equals(OutputFormat.TABLE)) {
      return quiet ? "{{.ID}}" : human ? DEFAULT_TABLE : NON_HUMAN_TABLE;
    }
    return source;
  }

  static List<Map<String, String>> rows(List<Object> history, boolean trunc, boolean human, Instant now) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Object o : history) {
      Map<?, ?> h = (Map<?, ?>) o;
      long created = ImageRows.number(h.get("Created"));
      long size = ImageRows.number(h.get("Size"));
      String id = String.valueOf(h.get("Id"));
      String createdBy = String.valueOf(h.get("CreatedBy") == null ? "" : h.get("CreatedBy")).replace('\t', ' ');
      String createdAt = GoTime.rfc3339Utc(created);
      Map<String, String> row = new LinkedHashMap<>();
      row.put("ID", trunc ? ImageRows.truncateId(id) : id);
      row.put("CreatedSince", human ? GoTime.since(created, now) : createdAt);
      row.put("CreatedAt", createdAt);
      row.put("CreatedBy", trunc ? ellipsis(createdBy, 45) : createdBy);
      row.put("Size", human ? Units.humanSize(size, 3) : Long.toString(size));
      row.put("Comment", h.get("Comment") == null ? "" : String.valueOf(h.get("Comment")));
      rows.add(row);
    }
    return rows;
  }

  /** Docker's formatter.Ellipsis: at most {@code max} characters, the last one an ellipsis. */
  static String ellipsis(String s, int max) {
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
  }
}
