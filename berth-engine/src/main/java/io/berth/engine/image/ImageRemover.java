package io.berth.engine.image;

import io.berth.common.BerthException;
import io.berth.common.Digest;
import io.berth.common.Filters;
import io.berth.common.ImageReference;
import io.berth.common.TimeFilter;
import io.berth.engine.layer.Layer;
import io.berth.registry.Platform;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code docker rmi} and {@code docker image prune}, with Docker's untag-versus-delete rules. */
public final class ImageRemover {
  private static final Set<String> PRUNE_FILTERS = Set.of("dangling", "until", "label", "label!");
  private final Images images;

  public ImageRemover(Images images) {
    this.images = images;
  }

  /** One line of {@code rmi}'s answer: {@code Untagged: ref} or {@code Deleted: id}. */
  public record Removed(String untagged, String deleted) {
    static Removed untagged(String ref) {
      return new Removed(ref, null);
    }

    static Removed deleted(Digest id) {
      return new Removed(null, id.toString());
    }
  }

  public record PruneReport(List<Removed> removed, long spaceReclaimed) {}

  private enum Conflict { HARD, SOFT }

  /** Docker's ImageDelete; {@code platform} (null: any) must be the image's, or nothing is removed. */
  public List<Removed> remove(String refOrId, boolean force, boolean prune, Platform platform) throws IOException {
    images.lock.lock();
    try {
      if (platform != null) {
        images.resolve(refOrId, platform);
      }
      List<Removed> records = new ArrayList<>();
      removeLocked(refOrId, force, prune, records, new long[1]);
      return records;
    } finally {
      images.lock.unlock();
    }
  }

  private void removeLocked(String refOrId, boolean force, boolean prune, List<Removed> records, long[] reclaimed)
      throws IOException {
    Image image = images.resolve(refOrId);
    Digest id = image.id();
    List<ImageReference> refs = images.refs.references(id);
    boolean byId = isIdPrefix(id, refOrId);
    boolean untaggedByName = false;
    if (!byId) {
      ImageReference ref = ImageReference.parse(refOrId).withDefaultTag();
      if (!images.refs.delete(ref)) {
        throw Images.noSuchImage(ref.familiarString());
      }
      records.add(Removed.untagged(ref.familiarString()));
      images.event("untag", id, id.toString());
      refs = images.refs.references(id);
      if (ref.digest() == null && refs.stream().noneMatch(r -> r.digest() == null && r.name().equals(ref.name()))) {
        // the last tag of this repository is gone: its digest references go with it
        List<ImageReference> remaining = new ArrayList<>();
        for (ImageReference r : refs) {
          if (r.digest() != null && r.name().equals(ref.name())) {
            images.refs.delete(r);
            records.add(Removed.untagged(r.familiarString()));
          } else {
            remaining.add(r);
          }
        }
        refs = remaining;
      }
      if (!refs.isEmpty()) {
        return;
      }
      untaggedByName = true;
    } else if (isSingleRepository(refs)) {
      checkConflicts(id, force ? Set.of(Conflict.HARD) : Set.of(Conflict.HARD, Conflict.SOFT), false);
      for (ImageReference r : refs) {
        images.refs.delete(r);
        records.add(Removed.untagged(r.familiarString()));
        images.event("untag", id, id.toString());
      }
    }
    deleteImage(id, force, prune, untaggedByName, records, reclaimed);
  }

  /** Docker's imageDeleteHelper: the image itself, its layers, then (with prune) its parents. */
  private void deleteImage(Digest id, boolean force, boolean prune, boolean quiet, List<Removed> records,
      long[] reclaimed) throws IOException {
    BerthException conflict = conflict(id, force ? Set.of(Conflict.HARD) : Set.of(Conflict.HARD, Conflict.SOFT),
        !quiet);
    if (conflict != null) {
      if (quiet) {
        return; // untagging by name succeeded; the image stays for what still uses it
      }
      throw conflict;
    }
    Image image = images.store.get(id).orElseThrow();
    Digest parent = image.parent();
    for (ImageReference r : images.refs.references(id)) {
      images.refs.delete(r);
      records.add(Removed.untagged(r.familiarString()));
    }
    images.store.delete(id);
    images.event("delete", id, id.toString());
    records.add(Removed.deleted(id));
    for (Layer layer : images.collectLayers()) {
      records.add(Removed.deleted(layer.chainId()));
      reclaimed[0] += layer.size();
    }
    if (prune && parent != null && images.store.get(parent).isPresent()
        && images.refs.references(parent).isEmpty()) {
      deleteImage(parent, false, true, true, records, reclaimed);
    }
  }

  private void checkConflicts(Digest id, Set<Conflict> mask, boolean activeReference) {
    BerthException c = conflict(id, mask, activeReference);
    if (c != null) {
      throw c;
    }
  }

  /** Docker's checkImageDeleteConflict; {@code activeReference} checks remaining tags (soft). */
  private BerthException conflict(Digest id, Set<Conflict> mask, boolean activeReference) {
    if (mask.contains(Conflict.HARD)) {
      if (!images.store.children(id).isEmpty()) {
        return conflictError(id, true, "image has dependent child images");
      }
      for (ImageUsers.User u : images.users().users()) {
        if (u.imageId().equals(id) && u.running()) {
          return conflictError(id, true, "image is being used by running container " + shortId(u.containerId()));
        }
      }
    }
    if (mask.contains(Conflict.SOFT)) {
      if (activeReference && !images.refs.references(id).isEmpty()) {
        return conflictError(id, false, "image is referenced in multiple repositories");
      }
      for (ImageUsers.User u : images.users().users()) {
        if (u.imageId().equals(id) && !u.running()) {
          return conflictError(id, false, "image is being used by stopped container " + shortId(u.containerId()));
        }
      }
    }
    return null;
  }

  private static BerthException conflictError(Digest id, boolean hard, String why) {
    return new BerthException.Conflict("conflict: unable to delete " + id.shortHex() + " ("
        + (hard ? "cannot be forced" : "must be forced") + ") - " + why);
  }

  private static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  /** True when the user named the image by (a prefix of) its ID rather than by a reference. */
  private static boolean isIdPrefix(Digest id, String text) {
    return id.toString().startsWith(text) || id.hex().startsWith(text);
  }

  /** At most one tag, and every reference in one repository. */
  private static boolean isSingleRepository(List<ImageReference> refs) {
    long tags = refs.stream().filter(r -> r.digest() == null).count();
    return tags <= 1 && refs.stream().map(ImageReference::name).distinct().count() <= 1;
  }

  /** Docker's ImagesPrune: dangling images by default, every unused image with {@code dangling=false}. */
  public PruneReport prune(Filters filters) throws IOException {
    filters.validate(PRUNE_FILTERS);
    Boolean danglingFilter = filters.bool("dangling");
    boolean danglingOnly = danglingFilter == null || danglingFilter;
    Instant until = filters.has("until") ? TimeFilter.parse(filters.get("until").getLast(), Instant.now()) : null;
    List<Removed> records = new ArrayList<>();
    long[] reclaimed = new long[1];
    images.lock.lock();
    try {
      Set<Digest> used = new java.util.HashSet<>();
      images.users().users().forEach(u -> used.add(u.imageId()));
      for (Image image : images.store.all()) {
        Digest id = image.id();
        if (images.store.get(id).isEmpty() || used.contains(id) || !images.store.children(id).isEmpty()) {
          continue;
        }
        List<ImageReference> refs = images.refs.references(id);
        if (danglingOnly && !refs.isEmpty()) {
          continue;
        }
        if (until != null && !image.created().isBefore(until)) {
          continue;
        }
        Map<String, String> labels = image.labels();
        if (filters.has("label") && !Filters.labelsMatch(filters.get("label"), labels)) {
          continue;
        }
        if (filters.has("label!") && Filters.labelsMatch(filters.get("label!"), labels)) {
          continue;
        }
        try {
          if (refs.isEmpty()) {
            removeLocked(id.toString(), false, true, records, reclaimed);
          } else {
            for (ImageReference r : refs) {
              removeLocked(r.familiarString(), false, true, records, reclaimed);
            }
          }
        } catch (BerthException.Conflict e) {
          // in use after all: Docker skips it
        }
      }
    } finally {
      images.lock.unlock();
    }
    images.events.publish("image", "prune", "", Map.of("reclaimed", Long.toString(reclaimed[0])));
    return new PruneReport(records, reclaimed[0]);
  }
}
