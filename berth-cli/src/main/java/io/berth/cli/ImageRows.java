package io.berth.cli;

import io.berth.common.ImageReference;
import io.berth.common.Units;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of {@code images} (and {@code system df -v}) built from /images/json, as Docker's imageContext.
 *
 * @param trunc whether IDs and long fields are cut as without {@code --no-trunc}
 * @param now the instant relative times ("2 hours ago") count from
 * @param zone where absolute times are shown
 */
record ImageRows(boolean trunc, Instant now, ZoneId zone) {
  static final String DEFAULT_TABLE =
      "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";
  static final String DEFAULT_TABLE_WITH_DIGEST =
      "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";

  static final Map<String, String> HEADER = Map.ofEntries(
      Map.entry("ID", "IMAGE ID"), Map.entry("Repository", "REPOSITORY"), Map.entry("Tag", "TAG"),
      Map.entry("Digest", "DIGEST"), Map.entry("CreatedSince", "CREATED"), Map.entry("CreatedAt", "CREATED AT"),
      Map.entry("Size", "SIZE"), Map.entry("Containers", "CONTAINERS"), Map.entry("VirtualSize", "SIZE"),
      Map.entry("SharedSize", "SHARED SIZE"), Map.entry("UniqueSize", "UNIQUE SIZE"));

  /** Docker's NewImageFormat: the format to use for the flags given. */
  static String format(String source, boolean quiet, boolean digests) {
    if (source.equals(OutputFormat.TABLE)) {
      return quiet ? "{{.ID}}" : digests ? DEFAULT_TABLE_WITH_DIGEST : DEFAULT_TABLE;
    }
    if (source.startsWith(OutputFormat.TABLE) && digests && !source.contains("{{.Digest}}")) {
      return source + "\t{{.Digest}}";
    }
    return source;
  }

  static boolean isDangling(Map<String, Object> image) {
    List<String> tags = strings(image.get("RepoTags"));
    List<String> digests = strings(image.get("RepoDigests"));
    if (tags.isEmpty() && digests.isEmpty()) {
      return true;
    }
    return tags.size() == 1 && tags.getFirst().equals("<none>:<none>") && digests.size() == 1
        && digests.getFirst().equals("<none>@<none>");
  }

  /** One row per repository:tag (and per digest when digests are shown), like imageFormat. */
  List<Map<String, String>> rows(List<Object> images, boolean showDigests, boolean needDigest) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Object o : images) {
      @SuppressWarnings("unchecked")
      Map<String, Object> image = (Map<String, Object>) o;
      if (isDangling(image)) {
        rows.add(row(image, "<none>", "<none>", "<none>"));
        continue;
      }
      Map<String, List<String>> repoTags = new LinkedHashMap<>();
      Map<String, List<String>> repoDigests = new LinkedHashMap<>();
      for (String ref : strings(image.get("RepoTags"))) {
        ImageReference r = parse(ref);
        if (r != null && r.tag() != null) {
          repoTags.computeIfAbsent(r.familiarName(), k -> new ArrayList<>()).add(r.tag());
        }
      }
      for (String ref : strings(image.get("RepoDigests"))) {
        ImageReference r = parse(ref);
        if (r != null && r.digest() != null) {
          repoDigests.computeIfAbsent(r.familiarName(), k -> new ArrayList<>()).add(r.digest());
        }
      }
      repoTags.forEach((repo, tags) -> {
        List<String> digests = repoDigests.remove(repo);
        if (!needDigest || digests == null) {
          digests = List.of();
        }
        for (String tag : tags) {
          if (digests.isEmpty()) {
            rows.add(row(image, repo, tag, "<none>"));
          } else {
            for (String d : digests) {
              rows.add(row(image, repo, tag, d));
            }
          }
        }
      });
      repoDigests.forEach((repo, digests) -> {
        if (showDigests) {
          digests.forEach(d -> rows.add(row(image, repo, "<none>", d)));
        } else {
          rows.add(row(image, repo, "<none>", ""));
        }
      });
    }
    return rows;
  }

  /** The row of {@code system df -v}: only the first tag of each image. */
  Map<String, String> firstTagRow(Map<String, Object> image) {
    String repo = "<none>";
    String tag = "<none>";
    List<String> tags = strings(image.get("RepoTags"));
    if (!tags.isEmpty() && !isDangling(image)) {
      ImageReference r = parse(tags.getFirst());
      if (r != null && r.tag() != null) {
        repo = r.familiarName();
        tag = r.tag();
      }
    }
    return row(image, repo, tag, "<none>");
  }

  Map<String, String> row(Map<String, Object> image, String repo, String tag, String digest) {
    long created = number(image.get("Created"));
    long size = number(image.get("Size"));
    long shared = image.containsKey("SharedSize") ? number(image.get("SharedSize")) : -1;
    long containers = image.containsKey("Containers") ? number(image.get("Containers")) : -1;
    String id = String.valueOf(image.get("Id"));
    Map<String, String> row = new LinkedHashMap<>();
    row.put("ID", trunc ? truncateId(id) : id);
    row.put("Repository", repo);
    row.put("Tag", tag);
    row.put("Digest", digest);
    row.put("CreatedSince", GoTime.since(created, now));
    row.put("CreatedAt", GoTime.string(created, zone));
    row.put("Size", Units.humanSize(size, 3));
    row.put("Containers", containers == -1 ? "N/A" : Long.toString(containers));
    row.put("VirtualSize", Units.humanSize(size));
    row.put("SharedSize", shared == -1 ? "N/A" : Units.humanSize(shared));
    row.put("UniqueSize", size == -1 || shared == -1 ? "N/A" : Units.humanSize(size - shared));
    return row;
  }

  /** Docker's stringid.TruncateID: drop the algorithm prefix, keep 12 characters. */
  static String truncateId(String id) {
    int colon = id.indexOf(':');
    if (colon >= 0) {
      id = id.substring(colon + 1);
    }
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  private static ImageReference parse(String ref) {
    try {
      return ImageReference.parse(ref);
    } catch (RuntimeException e) {
      return null;
    }
  }

  static long number(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }

  static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> list) {
      for (Object item : list) {
        out.add(String.valueOf(item));
      }
    }
    return out;
  }
}
