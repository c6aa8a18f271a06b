package io.berth.engine.image;

import io.berth.common.BerthException;
import io.berth.common.Digest;
import io.berth.common.Filters;
import io.berth.common.ImageReference;
import io.berth.common.TimeFilter;
import io.berth.engine.layer.Layer;
import io.berth.registry.Platform;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading and naming images: list, inspect, history, tag, disk usage. */
public final class ImageService {
  private static final Set<String> LIST_FILTERS =
      Set.of("dangling", "label", "before", "since", "reference", "until");

  private final Images images;

  public ImageService(Images images) {
    this.images = images;
  }

  /** What {@code GET /images/json} and {@code /system/df} report per image. */
  public record Summary(Image image, List<String> repoTags, List<String> repoDigests, long size,
      long sharedSize, int containers) {}

  /** {@code GET /images/{name}/json}'s data beyond the config. */
  public record Details(Image image, List<String> repoTags, List<String> repoDigests, long size,
      String driver, Map<String, String> driverData, List<Digest> layers) {}

  public record HistoryItem(String id, long created, String createdBy, List<String> tags, long size, String comment) {}

  public record DiskUsage(long layersSize, List<Summary> images) {}

  public Image resolve(String refOrId) {
    return images.resolve(refOrId);
  }

  public List<Summary> list(Filters filters, boolean all, boolean withUsage) {
    filters.validate(LIST_FILTERS);
    Boolean dangling = filters.bool("dangling");
    Instant before = filters.has("before") ? bound(filters.get("before")) : null;
    Instant since = filters.has("since") ? bound(filters.get("since")) : null;
    Instant until = filters.has("until") ? untilTime(filters.get("until")) : null;
    Map<Digest, Integer> use = images.layerUse();
    Map<Digest, Integer> containers = withUsage ? containerCounts() : Map.of();
    List<Summary> result = new ArrayList<>();
    for (Image image : images.store.all()) {
      List<ImageReference> refs = images.refs.references(image.id());
      boolean isDangling = refs.isEmpty();
      if (dangling != null && dangling != isDangling) {
        continue;
      }
      if (!all && isDangling && dangling == null && !images.store.children(image.id()).isEmpty()) {
        continue; // an intermediate image: shown with -a only
      }
      if (before != null && !image.created().isBefore(before)) {
        continue;
      }
      if (since != null && !image.created().isAfter(since)) {
        continue;
      }
      if (until != null && image.created().isAfter(until)) {
        continue;
      }
      if (filters.has("label") && !Filters.labelsMatch(filters.get("label"), image.labels())) {
        continue;
      }
      List<String> tags = new ArrayList<>();
      List<String> digests = new ArrayList<>();
      for (ImageReference ref : refs) {
        if (ref.digest() != null) {
          digests.add(ref.familiarName() + "@" + ref.digest());
        } else {
          tags.add(ref.familiarString());
        }
      }
      if (filters.has("reference")) {
        tags = tags.stream().filter(t -> referenceMatches(filters.get("reference"), t)).toList();
        digests = digests.stream().filter(t -> referenceMatches(filters.get("reference"), t)).toList();
        if (tags.isEmpty() && digests.isEmpty()) {
          continue;
        }
      }
      long shared = 0;
      long size = 0;
      for (Digest chain : images.chain(image)) {
        long s = images.layers.size(chain);
        size += s;
        if (use.getOrDefault(chain, 0) > 1) {
          shared += s;
        }
      }
      result.add(new Summary(image, tags, digests, size, withUsage ? shared : -1,
          withUsage ? containers.getOrDefault(image.id(), 0) : -1));
    }
    result.sort(Comparator.comparing((Summary s) -> s.image().created()).reversed()
        .thenComparing(s -> s.image().id().hex()));
    return result;
  }

  private Map<Digest, Integer> containerCounts() {
    Map<Digest, Integer> counts = new HashMap<>();
    images.users().users().forEach(u -> counts.merge(u.imageId(), 1, Integer::sum));
    return counts;
  }

  /** Docker matches {@code reference=} as a path glob against the familiar name, with and without tag. */
  private static boolean referenceMatches(List<String> patterns, String ref) {
    String name = ref;
    int at = name.indexOf('@');
    if (at >= 0) {
      name = name.substring(0, at);
    } else {
      int colon = name.lastIndexOf(':');
      if (colon > name.lastIndexOf('/')) {
        name = name.substring(0, colon);
      }
    }
    for (String pattern : patterns) {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      if (m.matches(Path.of(ref)) || m.matches(Path.of(name))) {
        return true;
      }
    }
    return false;
  }

  private Instant bound(List<String> refs) {
    return images.resolve(refs.getLast()).created();
  }

  private static Instant untilTime(List<String> values) {
    return TimeFilter.parse(values.getLast(), Instant.now());
  }

  /** Docker's ImageInspect; {@code platform} (null: any) must be the image's, as dockerd's GetImage checks. */
  public Details inspect(String refOrId, Platform platform) throws IOException {
    Image image = images.resolve(refOrId, platform);
    List<String> tags = new ArrayList<>();
    List<String> digests = new ArrayList<>();
    for (ImageReference ref : images.refs.references(image.id())) {
      if (ref.digest() != null) {
        digests.add(ref.familiarName() + "@" + ref.digest());
      } else {
        tags.add(ref.familiarString());
      }
    }
    List<Digest> chain = images.chain(image);
    Map<String, String> driverData = Map.of();
    if (!chain.isEmpty()) {
      Layer top = images.layers.get(chain.getLast()).orElse(null);
      if (top != null) {
        driverData = images.layers.driver().describe(top.cacheId());
      }
    }
    return new Details(image, tags, digests, images.size(image), images.layers.driver().name(),
        driverData, image.diffIds());
  }

  /**
   * Docker's ImageHistory: newest first, sizes from layers, IDs where the image is known here;
   * {@code platform} (null: any) must be the image's.
   */
  public List<HistoryItem> history(String refOrId, Platform platform) {
    Image image = images.resolve(refOrId, platform);
    List<Digest> diffIds = image.diffIds();
    List<HistoryItem> items = new ArrayList<>();
    Digest parentChain = null;
    int layer = 0;
    for (Map<String, Object> h : image.history()) {
      long size = 0;
      if (!Boolean.TRUE.equals(h.get("empty_layer"))) {
        if (layer >= diffIds.size()) {
          throw new BerthException.InvalidParameter("too many non-empty layers in History section");
        }
        parentChain = io.berth.engine.layer.Layer.chainId(parentChain, diffIds.get(layer++));
        size = images.layers.size(parentChain);
      }
      long created = h.get("created") instanceof String s ? parseSeconds(s) : 0;
      items.addFirst(new HistoryItem("<missing>", created, str(h.get("created_by")), null, size, str(h.get("comment"))));
    }
    Image current = image;
    for (int i = 0; i < items.size() && current != null; i++) {
      List<String> tags = images.refs.references(current.id()).stream()
          .filter(r -> r.tag() != null && r.digest() == null).map(ImageReference::familiarString).toList();
      HistoryItem item = items.get(i);
      items.set(i, new HistoryItem(current.id().toString(), item.created(), item.createdBy(),
          tags.isEmpty() ? null : tags, item.size(), item.comment()));
      current = current.parent() == null ? null : images.store.get(current.parent()).orElse(null);
    }
    return items;
  }

  private static long parseSeconds(String s) {
    try {
      return io.berth.common.GoTime.parse(s).getEpochSecond();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static String str(Object o) {
    return o instanceof String s ? s : "";
  }

  /** {@code docker tag}: points {@code repo[:tag]} at the image. */
  public void tag(String source, String repo, String tag) throws IOException {
    ImageReference target = parseTarget(repo, tag);
    images.lock.lock();
    try {
      Image image = images.resolve(source);
      images.refs.add(target, image.id());
      images.store.setLastTagTime(image.id(), Instant.now());
      images.event("tag", image.id(), target.familiarString());
    } finally {
      images.lock.unlock();
    }
  }

  /** A tag target: a repository (no digest) with an optional tag, {@code latest} by default. */
  public static ImageReference parseTarget(String repo, String tag) {
    if (repo == null || repo.isEmpty()) {
      throw new BerthException.InvalidParameter("repository name must have at least one component");
    }
    ImageReference ref = ImageReference.parse(repo);
    if (ref.digest() != null) {
      throw new BerthException.InvalidParameter("refusing to create a tag with a digest reference");
    }
    if (tag != null && !tag.isEmpty()) {
      if (ref.tag() != null) {
        throw new BerthException.InvalidParameter("invalid reference format");
      }
      if (!ImageReference.isValidTag(tag)) {
        throw new BerthException.InvalidParameter("invalid tag format");
      }
      ref = ref.withTag(tag);
    }
    return ref.withDefaultTag();
  }

  public DiskUsage diskUsage() {
    long total = 0;
    for (Layer layer : images.layers.all()) {
      total += layer.size();
    }
    return new DiskUsage(total, list(Filters.EMPTY, true, true));
  }
}
