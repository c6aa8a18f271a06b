package io.berth.cli;

import io.berth.common.Units;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The summary rows of {@code system df}, computed from /system/df like Docker 28's formatter. */
final class DiskUsage {
  static final String DEFAULT_TABLE = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";
  static final Map<String, String> HEADER = Map.of("Type", "TYPE", "TotalCount", "TOTAL", "Active", "ACTIVE",
      "Size", "SIZE", "Reclaimable", "RECLAIMABLE");

  private DiskUsage() {}

  static List<Map<String, String>> summary(Map<String, Object> df) {
    List<Map<String, String>> rows = new ArrayList<>();
    List<Map<?, ?>> images = items(df.get("Images"));
    long layersSize = ImageRows.number(df.get("LayersSize"));
    long activeImages = images.stream().filter(i -> ImageRows.number(i.get("Containers")) > 0).count();
    long usedByImages = 0;
    for (Map<?, ?> i : images) {
      long size = ImageRows.number(i.get("Size"));
      long shared = ImageRows.number(i.get("SharedSize"));
      if (ImageRows.number(i.get("Containers")) != 0 && size != -1 && shared != -1) {
        usedByImages += size - shared;
      }
    }
    rows.add(row("Images", images.size(), activeImages, layersSize, layersSize - usedByImages, true));

    List<Map<?, ?>> containers = items(df.get("Containers"));
    Tally containerTally = new Tally();
    for (Map<?, ?> c : containers) {
      containerTally.add(ImageRows.number(c.get("SizeRw")), "running".equals(c.get("State")), true);
    }
    rows.add(row("Containers", containers.size(), containerTally, true));

    List<Map<?, ?>> volumes = items(df.get("Volumes"));
    Tally volumeTally = new Tally();
    for (Map<?, ?> v : volumes) {
      Map<?, ?> usage = v.get("UsageData") instanceof Map<?, ?> u ? u : Map.of();
      long size = ImageRows.number(usage.get("Size"));
      // -1: the daemon did not measure it, so it adds nothing
      volumeTally.add(size == -1 ? 0 : size, ImageRows.number(usage.get("RefCount")) > 0, true);
    }
    rows.add(row("Local Volumes", volumes.size(), volumeTally, true));

    List<Map<?, ?>> cache = items(df.get("BuildCache"));
    Tally cacheTally = new Tally();
    for (Map<?, ?> b : cache) {
      cacheTally.add(ImageRows.number(b.get("Size")), Boolean.TRUE.equals(b.get("InUse")),
          !Boolean.TRUE.equals(b.get("Shared")));
    }
    rows.add(row("Build Cache", cache.size(), cacheTally, false));
    return rows;
  }

  /** A section's sizes: all of it, how many items are in use, and what removing the rest would free. */
  private static final class Tally {
    long size;
    long active;
    long reclaimable;

    void add(long itemSize, boolean inUse, boolean reclaimableWhenUnused) {
      size += itemSize;
      if (inUse) {
        active++;
      } else if (reclaimableWhenUnused) {
        reclaimable += itemSize;
      }
    }
  }

  private static Map<String, String> row(String type, long total, Tally tally, boolean percent) {
    return row(type, total, tally.active, tally.size, tally.reclaimable, percent);
  }

  private static Map<String, String> row(String type, long total, long active, long size, long reclaimable,
      boolean percent) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("Type", type);
    row.put("TotalCount", Long.toString(total));
    row.put("Active", Long.toString(active));
    row.put("Size", Units.humanSize(size));
    String r = Units.humanSize(reclaimable);
    row.put("Reclaimable", percent && size > 0 ? r + " (" + (reclaimable * 100) / size + "%)" : r);
    return row;
  }

  static List<Map<?, ?>> items(Object list) {
    List<Map<?, ?>> out = new ArrayList<>();
    if (list instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> m) {
          out.add(m);
        }
      }
    }
    return out;
  }
}
