package io.berth.builder;

import io.berth.common.BerthException;
import io.berth.common.Digest;
import io.berth.common.Filters;
import io.berth.common.TimeFilter;
import io.berth.engine.Engine;
import io.berth.engine.image.Image;
import io.berth.engine.storage.DirectorySize;
import io.berth.engine.volume.Volume;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The build cache as {@code system df} shows it and {@code builder prune} empties it. A step's record is
 * shared while its image is an ancestor of a tagged image or of a container's (its layer is then counted
 * with the images); {@code builder prune} drops the records that are not (all of them with {@code -a}, and
 * the cache mounts too), oldest first when {@code --keep-storage} bounds what stays, and removes the
 * intermediate images left with no tag, no child and no container.
 */
public record CachePrune(Engine engine, BuildCache cache, CacheMounts mounts) {
  private static final Set<String> FILTERS = Set.of("until", "id", "type", "description", "inuse", "shared",
      "private", "unused-for");

  /** One record as {@code system df -v} lists build cache. */
  public record Usage(String id, String parent, String type, String description, boolean inUse, boolean shared, long size,
      Instant createdAt, Instant lastUsedAt, int usageCount, String image) {}

  /** What a prune removed. */
  public record Report(List<String> deleted, long spaceReclaimed) {}

  List<Usage> usage() throws IOException {
    Set<Digest> kept = referencedImages();
    List<Usage> out = new ArrayList<>();
    Map<String, Volume> cacheVolumes = mounts.byRecord();
    for (BuildCache.Entry e : cache.all()) {
      boolean mount = e.type().equals(BuildCache.CACHE_MOUNT);
      if (!mount && (e.image().isEmpty() || engine.images().store().get(Digest.parse(e.image())).isEmpty())) {
        continue; // its image is gone: a stale record, a miss if looked up
      }
      Volume volume = mount ? cacheVolumes.get(e.id()) : null;
      if (mount && volume == null) {
        continue; // its volume was removed: the next build that uses the cache makes it again, empty
      }
      long size = mount ? (volume.mountsSomething() ? 0 : DirectorySize.of(volume.mountpoint())) : e.size();
      boolean shared = !mount && kept.contains(Digest.parse(e.image()));
      out.add(new Usage(e.id(), e.parent(), e.type(), e.description(), mount && mounts.inUse(e.id(), volume), shared, size,
          e.createdAt(), e.lastUsedAt(), e.usageCount(), e.image()));
    }
    out.sort(Comparator.comparing(Usage::lastUsedAt));
    return out;
  }

  Report prune(boolean all, Filters filters, long keepStorage) throws IOException {
    filters.validate(FILTERS);
    for (String key : List.of("id", "type", "description", "inuse", "shared", "private")) {
      if (filters.has(key)) {
        throw new BerthException.InvalidParameter("berth's build cache prune does not filter by " + key);
      }
    }
    Instant until = null;
    for (String key : List.of("until", "unused-for")) {
      if (filters.has(key)) {
        String v = filters.get(key).getLast();
        Duration d = TimeFilter.goDuration(v);
        until = d != null ? Instant.now().minus(d) : TimeFilter.parse(v, Instant.now());
      }
    }
    Map<String, Volume> cacheVolumes = mounts.byRecord();
    for (BuildCache.Entry e : cache.all()) {
      if (e.type().equals(BuildCache.CACHE_MOUNT) && !cacheVolumes.containsKey(e.id())) {
        cache.remove(e.id()); // its volume was removed: nothing of it is left to list or reclaim
      }
    }
    List<Usage> candidates = new ArrayList<>();
    long total = 0;
    for (Usage u : usage()) {
      total += u.shared() ? 0 : u.size();
      boolean mount = u.type().equals(BuildCache.CACHE_MOUNT);
      if (u.inUse() || (!all && (mount || u.shared())) || (until != null && !u.lastUsedAt().isBefore(until))) {
        continue;
      }
      candidates.add(u);
    }
    List<String> deleted = new ArrayList<>();
    Set<Digest> doomed = new HashSet<>();
    long layersBefore = layerBytes();
    long reclaimed = 0;
    for (Usage u : candidates) {
      if (keepStorage > 0 && total <= keepStorage) {
        break;
      }
      cache.remove(u.id());
      deleted.add(u.id());
      total -= u.shared() ? 0 : u.size();
      if (u.type().equals(BuildCache.CACHE_MOUNT)) {
        mounts.delete(u.id());
        reclaimed += u.size();
      } else {
        doomed.add(Digest.parse(u.image()));
      }
    }
    removeIntermediates(doomed);
    reclaimed += Math.max(0, layersBefore - layerBytes());
    engine.events().publish("builder", "prune", "", Map.of("reclaimed", Long.toString(reclaimed)));
    return new Report(deleted, reclaimed);
  }

  /** Untagged step images without children or containers, whose record went, are removed (leaves first). */
  private void removeIntermediates(Set<Digest> doomed) throws IOException {
    Set<Digest> kept = referencedImages();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Digest id : List.copyOf(doomed)) {
        if (kept.contains(id) || engine.images().store().get(id).isEmpty()) {
          doomed.remove(id);
          continue;
        }
        if (!engine.images().store().children(id).isEmpty()
            || cache.all().stream().anyMatch(e -> id.toString().equals(e.image()))) {
          continue;
        }
        try {
          engine.imageRemover().remove(id.toString(), false, false, null);
        } catch (BerthException e) {
          // in use after all
        }
        doomed.remove(id);
        progress = true;
      }
    }
  }

  /** Images kept by a tag or a container, with every ancestor: their layers are not the cache's to free. */
  private Set<Digest> referencedImages() {
    Set<Digest> roots = new HashSet<>();
    for (Image image : engine.images().store().all()) {
      if (!engine.images().refs().references(image.id()).isEmpty()) {
        roots.add(image.id());
      }
    }
    engine.containers().store().all().forEach(c -> roots.add(c.image()));
    Set<Digest> out = new HashSet<>();
    for (Digest root : roots) {
      for (Digest at = root; at != null && out.add(at); ) {
        at = engine.images().store().get(at).map(Image::parent).orElse(null);
      }
    }
    return out;
  }

  private long layerBytes() {
    return engine.images().layers().all().stream().mapToLong(l -> l.size()).sum();
  }
}
