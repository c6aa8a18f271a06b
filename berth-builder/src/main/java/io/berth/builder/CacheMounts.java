package io.berth.builder;

import io.berth.common.AtomicFiles;
import io.berth.common.Digest;
import io.berth.dockerfile.instructions.Mount;
import io.berth.sys.Linux;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The directories of {@code RUN --mount=type=cache}, kept between builds under {@code builder/cachemounts/}
 * (one per cache id, the target path by default), each with a build-cache record so that {@code system df}
 * lists it and {@code builder prune} removes it. {@code sharing=locked} and {@code private} let one RUN use a
 * cache at a time; {@code shared} (the default) lets them share it.
 */
final class CacheMounts {
  private final Path dir;
  private final BuildCache cache;
  private final Map<String, Semaphore> locks = new ConcurrentHashMap<>();
  private final Map<String, Integer> inUse = new ConcurrentHashMap<>();

  /** A cache directory held for one RUN; closing lets it go. */
  record Held(Path path, AutoCloseable release) {}

  CacheMounts(Path dir, BuildCache cache) throws IOException {
    this.dir = dir;
    this.cache = cache;
    Files.createDirectories(dir);
  }

  static String recordId(String cacheId) {
    return "cachemount-" + Digest.sha256(cacheId.getBytes(StandardCharsets.UTF_8)).hex().substring(0, 40);
  }

  Path path(String recordId) {
    return dir.resolve(recordId);
  }

  boolean inUse(String recordId) {
    return inUse.getOrDefault(recordId, 0) > 0;
  }

  Held acquire(Mount mount, String command) throws IOException, InterruptedException {
    String cacheId = mount.cacheId().isEmpty() ? mount.target() : mount.cacheId();
    String id = recordId(cacheId);
    boolean exclusive = mount.sharing().map(s -> s != Mount.Sharing.SHARED).orElse(false);
    Semaphore lock = locks.computeIfAbsent(id, k -> new Semaphore(1));
    if (exclusive) {
      lock.acquire();
    }
    inUse.merge(id, 1, Integer::sum);
    try {
      Path path = dir.resolve(id);
      if (!Files.isDirectory(path)) {
        Path staging = dir.resolve(AtomicFiles.stagingName());
        Files.createDirectory(staging);
        Linux.chmod(staging, (int) mount.mode().orElse(0755));
        Linux.lchown(staging, (int) mount.uid().orElse(0), (int) mount.gid().orElse(0));
        Files.move(staging, path);
      }
      Instant now = Instant.now();
      BuildCache.Entry old = cache.get(id).orElse(null);
      cache.put(new BuildCache.Entry(id, "", "", BuildCache.CACHE_MOUNT,
          "cached mount " + mount.target() + " from exec " + command + " with id \"" + cacheId + "\"", 0,
          old == null ? now : old.createdAt(), now, old == null ? 1 : old.usageCount() + 1));
      return new Held(path, () -> {
        inUse.merge(id, -1, Integer::sum);
        if (exclusive) {
          lock.release();
        }
      });
    } catch (IOException | RuntimeException e) {
      inUse.merge(id, -1, Integer::sum);
      if (exclusive) {
        lock.release();
      }
      throw e;
    }
  }

  /** Removes a cache mount's directory (its record is the caller's). */
  void delete(String recordId) throws IOException {
    Path path = dir.resolve(recordId);
    if (Files.exists(path)) {
      Path trash = dir.resolve(AtomicFiles.stagingName());
      Files.move(path, trash);
      AtomicFiles.deleteTree(trash);
    }
  }

  /** At start: staging directories of a crash are dropped. */
  void sweep() throws IOException {
    try (var entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        if (!p.getFileName().toString().startsWith("cachemount-")) {
          AtomicFiles.deleteTree(p);
        }
      }
    }
  }
}
