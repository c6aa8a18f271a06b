package io.berth.builder;

import io.berth.common.AtomicFiles;
import io.berth.common.Digest;
import io.berth.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The build cache's records, one file each under {@code <data-root>/builder/cache/}: a build step's key
 * (the parent image, the step's runtime config with its command, which holds the checksum of copied files
 * and the build args in use, and what else changes its result) and the image it made. Steps are images,
 * as in the classic builder, so {@code docker run} of an intermediate ID works; a record whose image was
 * removed is a miss. Cache mounts have records too (kind {@code exec.cachemount}), so that {@code system
 * df} and {@code builder prune} see them.
 */
final class BuildCache {
  static final String REGULAR = "regular";
  static final String CACHE_MOUNT = "exec.cachemount";

  /** One record, as {@code system df -v} lists build cache. */
  record Entry(String id, String image, String parent, String type, String description, long size,
      Instant createdAt, Instant lastUsedAt, int usageCount) {
    Entry used(Instant when) {
      return new Entry(id, image, parent, type, description, size, createdAt, when, usageCount + 1);
    }
  }

  private final Path dir;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Set<String> used = ConcurrentHashMap.newKeySet();

  BuildCache(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        try {
          Entry e = read(f);
          entries.put(e.id(), e);
        } catch (IOException | RuntimeException e) {
          Files.deleteIfExists(f); // a temp file or a torn record: the cache only gets a miss
        }
      }
    }
  }

  /** The key of a step: sha256 of the parent image ID, the step's config and whatever else decides it. */
  static String key(String parent, Map<String, Object> config, String extra) {
    String text = parent + "\n" + Json.string(config) + "\n" + extra;
    return Digest.sha256(text.getBytes(StandardCharsets.UTF_8)).hex();
  }

  Optional<Entry> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  List<Entry> all() {
    return List.copyOf(entries.values());
  }

  void put(Entry entry) throws IOException {
    write(entry);
    entries.put(entry.id(), entry);
  }

  private void write(Entry entry) throws IOException {
    Map<String, Object> json = Json.map("id", entry.id(), "image", entry.image(), "parent", entry.parent(),
        "type", entry.type(), "description", entry.description(), "size", entry.size(),
        "createdAt", entry.createdAt().toString(), "lastUsedAt", entry.lastUsedAt().toString(),
        "usageCount", entry.usageCount());
    AtomicFiles.writeVolatile(dir.resolve(entry.id() + ".json"), Json.bytes(json));
  }

  /**
   * Notes a cache hit in memory; {@link #saveUsage} writes it down later, so that a rebuild's answer does not
   * wait for a record file per step (the time of last use is advisory: a crash only loses some recent uses).
   */
  void touch(String key) {
    if (entries.computeIfPresent(key, (k, e) -> e.used(Instant.now())) != null) {
      used.add(key);
    }
  }

  /** Writes the records of the hits {@link #touch} noted since the last call. */
  void saveUsage() {
    for (String key : List.copyOf(used)) {
      used.remove(key);
      // under the map's lock for the key, so that a record removed meanwhile is not written again
      entries.computeIfPresent(key, (k, e) -> {
        try {
          write(e);
        } catch (IOException ex) {
          // advisory, as above: pruning by age just sees the older time
        }
        return e;
      });
    }
  }

  void remove(String key) throws IOException {
    entries.remove(key);
    Files.deleteIfExists(dir.resolve(key + ".json"));
  }

  private static Entry read(Path f) throws IOException {
    Map<String, Object> m = Json.object(Files.readAllBytes(f));
    return new Entry((String) m.get("id"), (String) m.get("image"), (String) m.get("parent"),
        (String) m.get("type"), (String) m.get("description"), ((Number) m.get("size")).longValue(),
        Instant.parse((String) m.get("createdAt")), Instant.parse((String) m.get("lastUsedAt")),
        ((Number) m.get("usageCount")).intValue());
  }
}
