package io.berth.cli;

import io.berth.common.ImageReference;
import io.berth.common.Units;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rows of {@code ps} built from /containers/json, as Docker's ContainerContext renders them.
 *
 * @param trunc whether IDs and long fields are cut as without {@code --no-trunc}
 * @param now the instant relative times ("2 hours ago") count from
 * @param zone where absolute times are shown
 */
record ContainerRows(boolean trunc, Instant now, ZoneId zone) {
  static final String DEFAULT_TABLE =
      "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

  static final Map<String, String> HEADER = Map.ofEntries(
      Map.entry("ID", "CONTAINER ID"), Map.entry("Names", "NAMES"), Map.entry("Image", "IMAGE"),
      Map.entry("Command", "COMMAND"), Map.entry("CreatedAt", "CREATED AT"), Map.entry("RunningFor", "CREATED"),
      Map.entry("Ports", "PORTS"), Map.entry("State", "STATE"), Map.entry("Status", "STATUS"),
      Map.entry("Size", "SIZE"), Map.entry("Labels", "LABELS"), Map.entry("Mounts", "MOUNTS"),
      Map.entry("LocalVolumes", "LOCAL VOLUMES"), Map.entry("Networks", "NETWORKS"),
      Map.entry("Platform", "PLATFORM"));

  /** NewContainerFormat: the format for the flags given. */
  static String format(String source, boolean quiet, boolean size) {
    if (source.isEmpty() || source.equals(OutputFormat.TABLE)) {
      return quiet ? "{{.ID}}" : size ? DEFAULT_TABLE + "\t{{.Size}}" : DEFAULT_TABLE;
    }
    if (source.equals("raw")) {
      return quiet ? "container_id: {{.ID}}"
          : "container_id: {{.ID}}\nimage: {{.Image}}\ncommand: {{.Command}}\ncreated_at: {{.CreatedAt}}\n"
              + "state: {{- pad .State 1 0}}\nstatus: {{- pad .Status 1 0}}\nnames: {{.Names}}\n"
              + "labels: {{- pad .Labels 1 0}}\nports: {{- pad .Ports 1 0}}\n" + (size ? "size: {{.Size}}\\n" : "");
    }
    return quiet ? "{{.ID}}" : source;
  }

  Map<String, Object> row(Map<String, Object> c) {
    Map<String, Object> row = new LinkedHashMap<>();
    String id = str(c.get("Id"));
    row.put("ID", trunc ? ImageRows.truncateId(id) : id);
    row.put("Names", names(ImageRows.strings(c.get("Names"))));
    row.put("Image", image(str(c.get("Image")), str(c.get("ImageID"))));
    String command = str(c.get("Command"));
    row.put("Command", goQuote(trunc ? ellipsis(command, 20) : command));
    long created = ImageRows.number(c.get("Created"));
    row.put("CreatedAt", GoTime.string(created, zone));
    row.put("RunningFor", GoTime.since(created, now));
    row.put("Ports", ports(c.get("Ports")));
    row.put("State", str(c.get("State")));
    row.put("Status", str(c.get("Status")));
    long sizeRw = ImageRows.number(c.get("SizeRw"));
    long sizeRootFs = ImageRows.number(c.get("SizeRootFs"));
    row.put("Size", sizeRootFs > 0 ? Units.humanSize(sizeRw, 3) + " (virtual " + Units.humanSize(sizeRootFs, 3) + ")"
        : Units.humanSize(sizeRw, 3));
    row.put("Labels", labels(c.get("Labels")));
    row.put("Mounts", mounts(c.get("Mounts")));
    row.put("LocalVolumes", Long.toString(localVolumes(c.get("Mounts"))));
    row.put("Networks", networks(c.get("NetworkSettings")));
    row.put("Platform", null);
    return row;
  }

  private String names(List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      String name = n.startsWith("/") ? n.substring(1) : n;
      if (trunc) {
        if (name.indexOf('/') < 0) {
          return name;
        }
        continue;
      }
      if (!sb.isEmpty()) {
        sb.append(',');
      }
      sb.append(name);
    }
    return sb.toString();
  }

  private String image(String image, String imageId) {
    if (image.isEmpty()) {
      return "<no image>";
    }
    if (!trunc) {
      return image;
    }
    String truncated = ImageRows.truncateId(imageId);
    if (truncated.equals(ImageRows.truncateId(image))) {
      return truncated;
    }
    try {
      ImageReference ref = ImageReference.parse(image);
      if (ref.digest() != null) {
        ref = new ImageReference(ref.domain(), ref.path(), ref.tag(), null);
      }
      return ref.familiarString();
    } catch (RuntimeException e) {
      return image;
    }
  }

  private static String labels(Object labels) {
    if (!(labels instanceof Map<?, ?> map)) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    map.forEach((k, v) -> parts.add(k + "=" + v));
    parts.sort(null);
    return String.join(",", parts);
  }

  private String mounts(Object mounts) {
    List<String> names = new ArrayList<>();
    if (mounts instanceof List<?> list) {
      for (Object o : list) {
        Map<?, ?> m = (Map<?, ?>) o;
        String name = str(m.get("Name")).isEmpty() ? str(m.get("Source")) : str(m.get("Name"));
        names.add(trunc ? ellipsis(name, 15) : name);
      }
    }
    return String.join(",", names);
  }

  private static long localVolumes(Object mounts) {
    long count = 0;
    if (mounts instanceof List<?> list) {
      for (Object o : list) {
        if ("local".equals(((Map<?, ?>) o).get("Driver"))) {
          count++;
        }
      }
    }
    return count;
  }

  private static String networks(Object settings) {
    if (settings instanceof Map<?, ?> s && s.get("Networks") instanceof Map<?, ?> networks) {
      List<String> names = new ArrayList<>();
      networks.keySet().forEach(k -> names.add(k.toString()));
      return String.join(",", names);
    }
    return "";
  }

  /** One published or exposed port, as /containers/json lists it. */
  record Port(String ip, long privatePort, long publicPort, String type) {}

  /** DisplayablePorts: consecutive ports grouped into ranges, host mappings last. */
  static String ports(Object ports) {
    List<Port> list = new ArrayList<>();
    if (ports instanceof List<?> raw) {
      for (Object o : raw) {
        Map<?, ?> p = (Map<?, ?>) o;
        list.add(new Port(str(p.get("IP")), ImageRows.number(p.get("PrivatePort")),
            ImageRows.number(p.get("PublicPort")), str(p.get("Type"))));
      }
    }
    list.sort(Comparator.comparingLong(Port::privatePort).thenComparing(Port::ip)
        .thenComparingLong(Port::publicPort).thenComparing(Port::type));
    Map<String, long[]> groups = new LinkedHashMap<>();
    List<String> result = new ArrayList<>();
    List<String> hostMappings = new ArrayList<>();
    for (Port port : list) {
      long current = port.privatePort();
      String key = port.type();
      if (!port.ip().isEmpty()) {
        if (port.publicPort() != current) {
          hostMappings.add(joinHostPort(port.ip(), Long.toString(port.publicPort())) + "->" + port.privatePort()
              + "/" + port.type());
          continue;
        }
        key = port.ip() + "/" + port.type();
      }
      long[] group = groups.get(key);
      if (group == null) {
        groups.put(key, new long[] {current, current});
        continue;
      }
      if (current == group[1] + 1) {
        group[1] = current;
        continue;
      }
      result.add(formGroup(key, group[0], group[1]));
      groups.put(key, new long[] {current, current});
    }
    groups.forEach((key, g) -> result.add(formGroup(key, g[0], g[1])));
    result.addAll(hostMappings);
    return String.join(", ", result);
  }

  private static String formGroup(String key, long start, long last) {
    int slash = key.lastIndexOf('/');
    String type = slash < 0 ? key : key.substring(slash + 1);
    String ip = slash < 0 ? "" : key.substring(0, slash);
    String group = start == last ? Long.toString(start) : start + "-" + last;
    if (!ip.isEmpty()) {
      group = joinHostPort(ip, group) + "->" + group;
    }
    return group + "/" + type;
  }

  private static String joinHostPort(String host, String port) {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }

  /** formatter.Ellipsis for single-width text: cut to width-1 characters and "…". */
  static String ellipsis(String s, int width) {
    int length = s.codePointCount(0, s.length());
    if (length <= width) {
      return s;
    }
    int end = s.offsetByCodePoints(0, width - 1);
    return s.substring(0, end) + "…";
  }

  /** Go's strconv.Quote. */
  static String goQuote(String s) {
    return io.berth.template.GoQuote.quote(s);
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }
}
