package io.berth.builder;

import io.berth.archive.SecurePath;
import io.berth.common.BerthException;
import io.berth.common.Digest;
import io.berth.common.Filters;
import io.berth.common.GoPath;
import io.berth.dockerfile.instructions.Mount;
import io.berth.engine.volume.Volume;
import io.berth.engine.volume.VolumeService;
import io.berth.sys.Linux;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 *
 * <p>As in BuildKit, a cache starts empty, or, with {@code from=}, as a copy of that stage's or image's files
 * (BuildKit's key: the id and the base, so another base is another cache); {@code source=} mounts a path in
 * the cache, which must exist ("open /sub: no such file or directory"); {@code mode}, {@code uid} and {@code
 * gid} without a source give the mounted directory its mode and owner when the cache is made (with a base,
 * that directory is BuildKit's {@code /cache} in it), and are unused with a source, as in BuildKit.
 */
final class CacheMounts {
  private final VolumeService volumes;
  private final BuildCache cache;
  private final Map<String, Semaphore> locks = new ConcurrentHashMap<>();
  private final Map<String, Integer> inUse = new ConcurrentHashMap<>();
  private final Map<String, Object> making = new ConcurrentHashMap<>(); // one RUN makes (and seeds) a new cache

  /** A cache directory held for one RUN; closing lets it go. */
  record Held(Path path, AutoCloseable release) {}

  /** Fills a new cache with its base's files (a {@code from=} stage or image). */
  interface Seeder {
    void seed(Path cacheRoot) throws IOException;
  }

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

  /**
   * Holds the cache {@code mount} names for a RUN; {@code baseId} (with its {@code seeder}) is the image of the
   * mount's {@code from=}, null without one.
   */
  Held acquire(Mount mount, String command, String baseId, Seeder seeder) throws IOException, InterruptedException {
    String cacheId = (mount.cacheId().isEmpty() ? mount.target() : mount.cacheId())
        + (baseId == null ? "" : ":" + baseId) + ownership(mount).map(o -> ":" + o).orElse("");
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
      Path path;
      synchronized (making.computeIfAbsent(id, k -> new Object())) {
        Optional<Volume> existing = volume(id);
        name = existing.map(Volume::name).orElse(volumeName(cacheId));
        Volume v = volumes.create(name, Volume.LOCAL, Map.of(), Map.of(Volume.BUILD_CACHE_LABEL, cacheId), ref);
        if (!cacheId.equals(v.labelMap().get(Volume.BUILD_CACHE_LABEL))) {
          throw new BuildException("volume " + name + " exists and is not the build cache " + cacheId);
        }
        path = mounted(mount, volumes.mount(name, ref), existing.isEmpty(), baseId != null, seeder);
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

  /**
   * The mode and owner a mount gives its cache's directory, when it does (not with a source): part of the
   * cache's key, as in BuildKit, where they make the cache's base another one.
   */
  private static Optional<String> ownership(Mount mount) {
    boolean owned = mount.mode().isPresent() || mount.uid().isPresent() || mount.gid().isPresent();
    if (!owned || !GoPath.clean("/" + mount.source()).equals("/")) {
      return Optional.empty();
    }
    return Optional.of(String.format("mode=%o,uid=%d,gid=%d", mount.mode().orElse(0755), mount.uid().orElse(0),
        mount.gid().orElse(0)));
  }

  /** The directory of the cache at {@code root} to mount, made ready first when the cache is new. */
  private static Path mounted(Mount mount, Path root, boolean isNew, boolean based, Seeder seeder) throws IOException {
    String source = GoPath.clean("/" + mount.source());
    boolean owned = ownership(mount).isPresent();
    // BuildKit's setCacheUIDGID: with a base and no source, mode and owner are those of a /cache in it
    String dir = !source.equals("/") ? source : based && owned ? "/cache" : "/";
    if (isNew && based) {
      seeder.seed(root);
    }
    Path path = SecurePath.join(root, dir); // after the seed: its symlinks resolve inside the cache
    if (isNew && source.equals("/") && (!based || owned)) {
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(path); // resolved inside the cache: what is missing of it has no symlinks
      }
      Linux.chmod(path, (int) mount.mode().orElse(0755));
      Linux.lchown(path, (int) mount.uid().orElse(0), (int) mount.gid().orElse(0));
    }
    if (!Files.exists(path)) {
      throw new BuildException("open " + dir + ": no such file or directory");
    }
    return path;
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
