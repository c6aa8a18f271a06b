package io.berth.cli;

import java.util.List;
import java.util.Map;

/**
 * What a prune removed, as each of Docker's prune commands words it ("Deleted Containers:" and the IDs, ...), and
 * the space it reclaimed; empty when nothing went. {@code system prune} prints them one after the other.
 */
final class PruneReports {
  /** A prune's words and the bytes it reclaimed. */
  record Pruned(String details, long reclaimed) {}

  private PruneReports() {}

  static Pruned containers(Map<String, Object> report) {
    return listed(report, "ContainersDeleted", "Deleted Containers:\n");
  }

  /** Networks reclaim no space (the report has none). */
  static Pruned networks(Map<String, Object> report) {
    return listed(report, "NetworksDeleted", "Deleted Networks:\n");
  }

  static Pruned buildCache(Map<String, Object> report) {
    Pruned listed = listed(report, "CachesDeleted", "Deleted build cache objects:\n");
    return new Pruned(listed.details(), ImageRows.number(report.get("SpaceReclaimed")));
  }

  static Pruned volumes(Map<String, Object> report) {
    return listed(report, "VolumesDeleted", "Deleted Volumes:\n");
  }

  /** Images: each untagged or deleted reference; the space counts even when nothing is listed. */
  static Pruned images(Map<String, Object> report) {
    StringBuilder sb = new StringBuilder();
    if (report.get("ImagesDeleted") instanceof List<?> deleted && !deleted.isEmpty()) {
      sb.append("Deleted Images:\n");
      for (Object o : deleted) {
        Map<?, ?> item = (Map<?, ?>) o;
        if (item.get("Untagged") instanceof String untagged && !untagged.isEmpty()) {
          sb.append("untagged: ").append(untagged).append('\n');
        } else {
          sb.append("deleted: ").append(item.get("Deleted")).append('\n');
        }
      }
    }
    return new Pruned(sb.toString(), ImageRows.number(report.get("SpaceReclaimed")));
  }

  private static Pruned listed(Map<String, Object> report, String key, String title) {
    if (!(report.get(key) instanceof List<?> deleted) || deleted.isEmpty()) {
      return new Pruned("", 0);
    }
    StringBuilder sb = new StringBuilder(title);
    deleted.forEach(id -> sb.append(id).append('\n'));
    return new Pruned(sb.toString(), ImageRows.number(report.get("SpaceReclaimed")));
  }

  /** A prune command's output: the details (and a blank line) if any, then the total. */
  static void print(CliContext ctx, Pruned pruned) {
    if (!pruned.details().isEmpty()) {
      ctx.out().println(pruned.details());
    }
    ctx.out().println("Total reclaimed space: " + io.berth.common.Units.humanSize(pruned.reclaimed()));
  }
}
