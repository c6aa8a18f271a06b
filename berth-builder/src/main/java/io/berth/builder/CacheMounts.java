package io.berth.builder;

import io.berth.common.BerthException;
import io.berth.common.Digest;
import io.berth.common.Filters;
import io.berth.dockerfile.instructions.Mount;
import io.berth.engine.volume.Volume;
import io.berth.engine.volume.VolumeService;
import io.berth.sys.Linux;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The directories of {@code RUN --mount=type=cache}, kept between builds as volumes: the cache of id X (the
 * target path by default) is the volume labelled {@link Volume#BUILD_CACHE_LABEL}{@code =X}, whatever its
 * name ({@code buildcache-<hash of X>} when a build makes it). So {@code docker volume ls} lists them, a
 * container can read one out (export) or fill one a user created with that label (import) before a build
 * uses it, and a volume with mount options (nfs, tmpfs) can hold a cache. Each also has a build-cache
 * record, so that {@code system df} lists it as build cache and {@code builder prune} removes it.
 * {@code sharing=locked} and {@code private} let one RUN use a cache at a time; {@code shared} (the
 * default) lets them share it.
 */
final class CacheMounts {
  private final VolumeService volumes;
  private final BuildCache cache;
  private final Map<String, Semaphore> locks = new ConcurrentHashMap<>();
  private final Map<String, Integer> inUse = new ConcurrentHashMap<>();

  /** A cache directory held for one RUN; closing lets it go. */
  record Held(Path path, AutoCloseable release) {}

  CacheMounts(VolumeService volumes, BuildCache cache) {
    this.volumes = volumes;
    this.cache = cache;
  }

  static String recordId(String cacheId) {
    return "cachemount-" + Digest.sha256(cacheId.getBytes(StandardCharsets.UTF_8)).hex().substring(0, 40);
  }

  /** The volume a build makes for a cache id no volume is labelled with. */
  static String volumeName(String cacheId) {
    return "buildcache-" + Digest.sha256(cacheId.getBytes(StandardCharsets.UTF_8)).hex().substring(0, 12);
  }

  /** The volumes holding caches, by record id (the first by name when two are labelled with one id). */
  Map<String, Volume> byRecord() {
    Map<String, Volume> out = new HashMap<>();
    for (Volume v : volumes.list(Filters.EMPTY)) {
      if (v.buildCache()) {
        out.putIfAbsent(recordId(v.labelMap().get(Volume.BUILD_CACHE_LABEL)), v);
      }
    }
    return out;
  }

  /** The volume holding the cache of record {@code recordId}, if one does (a user may have removed it). */
  Optional<Volume> volume(String recordId) {
    return Optional.ofNullable(byRecord().get(recordId));
  }

  /** Whether a RUN, or a container (one reading the cache out, say), uses the cache in {@code volume} now. */
  boolean inUse(String recordId, Volume volume) {
    return inUse.getOrDefault(recordId, 0) > 0 || volumes.refCount(volume.name()) > 0;
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
    // the volume's reference while the RUN uses it: `volume rm` refuses it meanwhile, as for a container
    String ref = "build-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    String name = null;
    Runnable release = () -> {
      inUse.merge(id, -1, Integer::sum);
      if (exclusive) {
        lock.release();
      }
    };
    try {
      Optional<Volume> existing = volume(id);
      name = existing.map(Volume::name).orElse(volumeName(cacheId));
      Volume v = volumes.create(name, Volume.LOCAL, Map.of(), Map.of(Volume.BUILD_CACHE_LABEL, cacheId), ref);
      if (!cacheId.equals(v.labelMap().get(Volume.BUILD_CACHE_LABEL))) {
        throw new BuildException("volume " + name + " exists and is not the build cache " + cacheId);
      }
      Path path = volumes.mount(name, ref);
      if (existing.isEmpty()) {
        Linux.chmod(path, (int) mount.mode().orElse(0755));
        Linux.lchown(path, (int) mount.uid().orElse(0), (int) mount.gid().orElse(0));
      }
      Instant now = Instant.now();
      BuildCache.Entry old = cache.get(id).orElse(null);
      cache.put(new BuildCache.Entry(id, "", "", BuildCache.CACHE_MOUNT,
          "cached mount " + mount.target() + " from exec " + command + " with id \"" + cacheId + "\"", 0,
          old == null ? now : old.createdAt(), now, old == null ? 1 : old.usageCount() + 1));
      String held = name;
      return new Held(path, () -> {
        try {
          volumes.unmount(held, ref);
        } finally {
          volumes.settle(ref);
          release.run();
        }
      });
    } catch (IOException | RuntimeException e) {
      if (name != null) {
        volumes.settle(ref);
      }
      release.run();
      throw e;
    }
  }

  /** Removes a cache's volume (its record is the caller's); one a container uses now stays. */
  void delete(String recordId) throws IOException {
    Optional<Volume> v = volume(recordId);
    if (v.isPresent()) {
      try {
        volumes.remove(v.get().name(), false);
      } catch (BerthException.Conflict | BerthException.NotFound e) {
        // a container came to use it since the prune looked (it stays, as a volume in use does), or it went
      }
    }
  }
}
