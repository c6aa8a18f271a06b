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
    long containerSize = 0;
    long containerReclaimable = 0;
    long running = 0;
    for (Map<?, ?> c : containers) {
      long rw = ImageRows.number(c.get("SizeRw"));
      containerSize += rw;
      if ("running".equals(c.get("State"))) {
        running++;
      } else {
        containerReclaimable += rw;
      }
    }
    rows.add(row("Containers", containers.size(), running, containerSize, containerReclaimable, true));

    List<Map<?, ?>> volumes = items(df.get("Volumes"));
    long volumeSize = 0;
    long volumeReclaimable = 0;
    long activeVolumes = 0;
    for (Map<?, ?> v : volumes) {
      Map<?, ?> usage = v.get("UsageData") instanceof Map<?, ?> u ? u : Map.of();
      long size = ImageRows.number(usage.get("Size"));
      if (size != -1) {
        volumeSize += size;
      }
      if (ImageRows.number(usage.get("RefCount")) > 0) {
        activeVolumes++;
      } else if (size != -1) {
        volumeReclaimable += size;
      }
    }
    rows.add(row("Local Volumes", volumes.size(), activeVolumes, volumeSize, volumeReclaimable, true));

    List<Map<?, ?>> cache = items(df.get("BuildCache"));
    long cacheSize = 0;
    long cacheReclaimable = 0;
    long inUse = 0;
    for (Map<?, ?> b : cache) {
      long size = ImageRows.number(b.get("Size"));
      cacheSize += size;
      if (Boolean.TRUE.equals(b.get("InUse"))) {
        inUse++;
      } else if (!Boolean.TRUE.equals(b.get("Shared"))) {
        cacheReclaimable += size;
      }
    }
    rows.add(row("Build Cache", cache.size(), inUse, cacheSize, cacheReclaimable, false));
    return rows;
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
