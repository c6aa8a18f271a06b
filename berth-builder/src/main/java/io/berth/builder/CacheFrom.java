package io.berth.builder;

import io.berth.common.Digest;
import io.berth.engine.container.config.ContainerConfig;
import io.berth.engine.image.Image;
import io.berth.engine.image.Images;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code --cache-from}: images used as cache sources by their history (moby's image/cache ImageCache), so
 * that an image loaded or pulled from elsewhere, which has no parent chain here, still gives cache hits:
 * a source whose history and layers start with the stage's current image, and whose next history entry
 * was made by the same command, is the step's result (or, before its last step, an image restored from
 * that entry and its layer).
 */
final class CacheFrom {
  private final Images images;
  private final List<Image> sources = new ArrayList<>();

  CacheFrom(Images images, List<String> refs, BuildOutput warnings) {
    this.images = images;
    for (String ref : refs) {
      try {
        sources.add(images.resolve(ref));
      } catch (RuntimeException e) {
        // dockerd logs and skips an image it cannot find; the build goes on without it
      }
    }
  }

  boolean isEmpty() {
    return sources.isEmpty();
  }

  /** A locally cached image is used with --cache-from only when a source descends from it. */
  boolean isAncestorOfSource(Digest id) {
    for (Image source : sources) {
      Image at = source;
      for (int depth = 0; at != null && depth < 1000; depth++) {
        if (at.id().equals(id)) {
          return true;
        }
        at = at.parent() == null ? null : images.store().get(at.parent()).orElse(null);
      }
    }
    return false;
  }

  synchronized Optional<Image> lookup(Image parent, ContainerConfig config, Supplier<Instant> clock)
      throws IOException {
    int lenHistory = parent == null ? 0 : parent.history().size();
    String createdBy = String.join(" ", config.cmd() == null ? List.of() : config.cmd());
    for (Image target : sources) {
      if (!isValidParent(target, parent) || !createdBy.equals(target.history().get(lenHistory).get("created_by"))) {
        continue;
      }
      if (target.history().size() - 1 == lenHistory) {
        return Optional.of(target);
      }
      Image restored = restore(parent, target, config, lenHistory);
      sources.clear(); // as moby: no jumping to another source once one is followed
      sources.add(target);
      return Optional.of(restored);
    }
    return Optional.empty();
  }

  private static boolean isValidParent(Image img, Image parent) {
    if (img.history().isEmpty()) {
      return false;
    }
    if (parent == null || parent.history().isEmpty() && parent.diffIds().isEmpty()) {
      return true;
    }
    if (parent.history().size() >= img.history().size() || parent.diffIds().size() > img.diffIds().size()) {
      return false;
    }
    for (int i = 0; i < parent.history().size(); i++) {
      if (!Objects.equals(parent.history().get(i), img.history().get(i))) {
        return false;
      }
    }
    for (int i = 0; i < parent.diffIds().size(); i++) {
      if (!parent.diffIds().get(i).equals(img.diffIds().get(i))) {
        return false;
      }
    }
    return true;
  }

  /** restoreCachedImage: the parent plus the source's history entry at {@code index} and its layer. */
  private Image restore(Image parent, Image target, ContainerConfig config, int index) throws IOException {
    Map<String, Object> entry = target.history().get(index);
    Digest layer = null;
    if (!Boolean.TRUE.equals(entry.get("empty_layer"))) {
      int layerIndex = 0;
      for (int i = 0; i < index; i++) {
        if (!Boolean.TRUE.equals(target.history().get(i).get("empty_layer"))) {
          layerIndex++;
        }
      }
      layer = target.diffIds().get(layerIndex);
    }
    String created = entry.get("created") instanceof String c ? c : null;
    Instant when = created == null ? Instant.EPOCH : io.berth.common.GoTime.parse(created);
    String author = target.string("author", "");
    Map<String, Object> restoredEntry = new java.util.LinkedHashMap<>(entry);
    byte[] raw = ImageConfigs.restored(parent, target, config, restoredEntry, layer, author, when);
    return images.createImage(raw, parent == null ? null : parent.id(), null);
  }
}
