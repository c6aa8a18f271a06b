package io.berth.cli;

import io.berth.common.Units;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code system df}: disk usage summary, or per object with {@code -v}. */
final class SystemDfCommand extends AbstractCommand {
  private final Flag format = flags.string(null, "format", "string", "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or 'TEMPLATE'");
  private final Flag verbose = flags.bool("v", "verbose", "Show detailed information on space usage");

  static final String IMAGES_TABLE = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}";
  static final String CONTAINERS_TABLE = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}";
  static final String VOLUMES_TABLE = "table {{.Name}}\t{{.Links}}\t{{.Size}}";
  static final String CACHE_TABLE = "table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}";

  @Override
  public int run(CliContext ctx) {
    Args.none(flags.args(), "system df");
    Map<String, Object> df = ctx.client().systemDf();
    if (!verbose.isTrue()) {
      String source = format.string().isEmpty() ? DiskUsage.DEFAULT_TABLE : format.string();
      ctx.out().print(new OutputFormat(source).render(DiskUsage.summary(df), DiskUsage.HEADER));
      return 0;
    }
    Instant now = Instant.now();
    ImageRows images = new ImageRows(format.string().isEmpty() || format.string().startsWith(OutputFormat.TABLE), now, ZoneId.systemDefault());
    List<Map<String, String>> imageRows = new ArrayList<>();
    for (Map<?, ?> image : DiskUsage.items(df.get("Images"))) {
      @SuppressWarnings("unchecked")
      Map<String, Object> i = (Map<String, Object>) image;
      imageRows.add(images.firstTagRow(i));
    }
    List<Map<String, String>> containerRows = containerRows(df, now);
    List<Map<String, String>> volumeRows = volumeRows(df);
    List<Map<String, String>> cacheRows = cacheRows(df, now);
    if (!format.string().isEmpty() && !format.string().equals(OutputFormat.TABLE)) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("Images", imageRows);
      data.put("Containers", containerRows);
      data.put("Volumes", volumeRows);
      data.put("BuildCache", cacheRows);
      ctx.out().print(OutputFormat.execute(OutputFormat.parse(new OutputFormat(format.string()).templateText()), data));
      return 0;
    }
    StringBuilder out = new StringBuilder("Images space usage:\n\n");
    out.append(new OutputFormat(IMAGES_TABLE).render(imageRows, ImageRows.HEADER));
    out.append("\nContainers space usage:\n\n");
    out.append(new OutputFormat(CONTAINERS_TABLE).render(containerRows, Map.of("ID", "CONTAINER ID", "Image", "IMAGE",
        "Command", "COMMAND", "LocalVolumes", "LOCAL VOLUMES", "Size", "SIZE", "RunningFor", "CREATED",
        "Status", "STATUS", "Names", "NAMES")));
    out.append("\nLocal Volumes space usage:\n\n");
    out.append(new OutputFormat(VOLUMES_TABLE).render(volumeRows, Map.of("Name", "VOLUME NAME", "Links", "LINKS",
        "Size", "SIZE")));
    long cacheTotal = 0;
    for (Map<?, ?> b : DiskUsage.items(df.get("BuildCache"))) {
      cacheTotal += ImageRows.number(b.get("Size"));
    }
    out.append("\nBuild cache usage: ").append(Units.humanSize(cacheTotal)).append("\n\n");
    out.append(new OutputFormat(CACHE_TABLE).render(cacheRows, Map.of("ID", "CACHE ID", "CacheType", "CACHE TYPE",
        "Size", "SIZE", "CreatedSince", "CREATED", "LastUsedSince", "LAST USED", "UsageCount", "USAGE",
        "Shared", "SHARED")));
    ctx.out().print(out);
    return 0;
  }

  private static List<Map<String, String>> containerRows(Map<String, Object> df, Instant now) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Map<?, ?> c : DiskUsage.items(df.get("Containers"))) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("ID", ImageRows.truncateId(String.valueOf(c.get("Id"))));
      row.put("Image", String.valueOf(c.get("Image")));
      String command = c.get("Command") == null ? "" : String.valueOf(c.get("Command"));
      row.put("Command", "\"" + HistoryRows.ellipsis(command, 20) + "\"");
      long volumes = 0;
      for (Map<?, ?> m : DiskUsage.items(c.get("Mounts"))) {
        if ("volume".equals(m.get("Type"))) {
          volumes++;
        }
      }
      row.put("LocalVolumes", Long.toString(volumes));
      row.put("Size", Units.humanSize(ImageRows.number(c.get("SizeRw"))));
      row.put("RunningFor", GoTime.since(ImageRows.number(c.get("Created")), now));
      row.put("Status", String.valueOf(c.get("Status")));
      List<String> names = new ArrayList<>();
      for (String n : ImageRows.strings(c.get("Names"))) {
        names.add(n.startsWith("/") ? n.substring(1) : n);
      }
      row.put("Names", String.join(",", names));
      rows.add(row);
    }
    return rows;
  }

  private static List<Map<String, String>> volumeRows(Map<String, Object> df) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Map<?, ?> v : DiskUsage.items(df.get("Volumes"))) {
      Map<?, ?> usage = v.get("UsageData") instanceof Map<?, ?> u ? u : Map.of();
      long size = ImageRows.number(usage.get("Size"));
      Map<String, String> row = new LinkedHashMap<>();
      row.put("Name", String.valueOf(v.get("Name")));
      row.put("Links", usage.containsKey("RefCount") ? String.valueOf(usage.get("RefCount")) : "N/A");
      row.put("Size", size == -1 ? "N/A" : Units.humanSize(size));
      rows.add(row);
    }
    return rows;
  }

  private static List<Map<String, String>> cacheRows(Map<String, Object> df, Instant now) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Map<?, ?> b : DiskUsage.items(df.get("BuildCache"))) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("ID", String.valueOf(b.get("ID")).length() > 12 ? String.valueOf(b.get("ID")).substring(0, 12)
          : String.valueOf(b.get("ID")));
      row.put("CacheType", String.valueOf(b.get("Type")));
      row.put("Size", Units.humanSize(ImageRows.number(b.get("Size"))));
      row.put("CreatedSince", since(b.get("CreatedAt"), now));
      row.put("LastUsedSince", since(b.get("LastUsedAt"), now));
      row.put("UsageCount", String.valueOf(ImageRows.number(b.get("UsageCount"))));
      row.put("Shared", String.valueOf(Boolean.TRUE.equals(b.get("Shared"))));
      rows.add(row);
    }
    return rows;
  }

  private static String since(Object rfc3339, Instant now) {
    if (!(rfc3339 instanceof String s) || s.isEmpty()) {
      return "";
    }
    try {
      return GoTime.since(java.time.OffsetDateTime.parse(s).toEpochSecond(), now);
    } catch (java.time.format.DateTimeParseException e) {
      return "";
    }
  }
}
