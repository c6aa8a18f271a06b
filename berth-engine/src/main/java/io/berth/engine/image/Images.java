package io.berth.engine.image;

import io.berth.common.BerthException;
import io.berth.common.Digest;
import io.berth.common.ImageReference;
import io.berth.engine.events.EventBus;
import io.berth.engine.layer.Layer;
import io.berth.engine.layer.LayerStore;
import io.berth.registry.Platform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The image stores and what every image operation shares: name resolution, sizes, events, and
 * the lock that orders changes to tags, configs and layer collection.
 */
public final class Images {
  final ImageStore store;
  final ReferenceStore refs;
  final LayerStore layers;
  final EventBus events;
  final Path tmp;
  final ReentrantLock lock = new ReentrantLock();
  private volatile Supplier<ImageUsers> users = () -> ImageUsers.NONE;

  public Images(ImageStore store, ReferenceStore refs, LayerStore layers, EventBus events, Path tmp) {
    this.store = store;
    this.refs = refs;
    this.layers = layers;
    this.events = events;
    this.tmp = tmp;
  }

  public ImageStore store() {
    return store;
  }

  public ReferenceStore refs() {
    return refs;
  }

  public LayerStore layers() {
    return layers;
  }

  /** Lets the container service, created later, report which images it uses. */
  public void setUsers(Supplier<ImageUsers> users) {
    this.users = users;
  }

  ImageUsers users() {
    return users.get();
  }

  /** Docker's GetImage: a reference in the store, else a full or short image ID. */
  public Image resolve(String refOrId) {
    if (refOrId == null || refOrId.isEmpty()) {
      throw new BerthException.InvalidParameter("invalid reference format");
    }
    ImageReference ref = null;
    if (Digest.isSha256Hex(refOrId)) {
      return store.get(new Digest("sha256", refOrId)).orElseThrow(() -> noSuchImage(refOrId));
    }
    ref = ImageReference.parse(refOrId);
    Digest id = refs.get(ref.withDefaultTag()).orElse(null);
    if (id != null) {
      Image image = store.get(id).orElse(null);
      if (image != null) {
        return image;
      }
    }
    String prefix = refOrId.startsWith("sha256:") ? refOrId.substring(7) : refOrId;
    if (prefix.matches("[a-f0-9]+")) {
      List<Digest> found = store.search(prefix);
      if (found.size() == 1) {
        return store.get(found.getFirst()).orElseThrow(() -> noSuchImage(refOrId));
      }
    }
    throw noSuchImage(ref.withDefaultTag().familiarString());
  }

  /**
   * {@link #resolve(String)} for a platform (none: any), as dockerd's GetImage with one: an image
   * for another platform is not found (the graph store keeps one platform per reference).
   */
  public Image resolve(String refOrId, Platform platform) {
    Image image = resolve(refOrId);
    requirePlatform(image, refOrId, platform);
    return image;
  }

  /** The check of {@link #resolve(String, Platform)} on an image found as {@code refOrId}. */
  public void requirePlatform(Image image, String refOrId, Platform platform) {
    if (platform != null && !platform.accepts(image.platform())) {
      throw new BerthException.NotFound("image with reference " + shownName(refOrId) + " was found but its platform ("
          + image.platform() + ") does not match the specified platform (" + platform + ")");
    }
  }

  /** dockerd names a reference in its canonical form (docker.io/library/x:tag) familiarly, else as given. */
  private static String shownName(String refOrId) {
    try {
      ImageReference ref = ImageReference.parse(refOrId);
      return ref.toString().equals(refOrId) ? ref.familiarString() : refOrId;
    } catch (BerthException.InvalidParameter e) {
      return refOrId;
    }
  }

  static BerthException.NotFound noSuchImage(String name) {
    return new BerthException.NotFound("No such image: " + name);
  }

  /** The chain ids of an image's layers, base first. */
  public List<Digest> chain(Image image) {
    return LayerStore.chainIds(image.diffIds());
  }

  /** The total unpacked size of an image's layers. */
  public long size(Image image) {
    long size = 0;
    for (Digest chain : chain(image)) {
      size += layers.size(chain);
    }
    return size;
  }

  /** How many images use each layer, for shared sizes. */
  public Map<Digest, Integer> layerUse() {
    Map<Digest, Integer> use = new HashMap<>();
    for (Image image : store.all()) {
      for (Digest chain : chain(image)) {
        use.merge(chain, 1, Integer::sum);
      }
    }
    return use;
  }

  /** Removes layers no image and no lease needs. */
  List<Layer> collectLayers() throws IOException {
    Set<Digest> roots = new HashSet<>();
    for (Image image : store.all()) {
      List<Digest> chain = chain(image);
      if (!chain.isEmpty()) {
        roots.add(chain.getLast());
      }
    }
    return layers.collect(roots);
  }

  /** Publishes an image event ({@code pull}, {@code push}, {@code tag}...) with the image's labels. */
  public void event(String action, Digest id, String name) {
    Map<String, String> attributes = new HashMap<>();
    store.get(id).ifPresent(image -> attributes.putAll(image.labels()));
    attributes.put("name", name);
    events.publish("image", action, id.toString(), attributes);
  }

  /**
   * Adds an image whose layers are registered (and leased by the caller), tags it when
   * {@code target} is given, and reports the tag event.
   */
  public Image createImage(byte[] config, Digest parent, io.berth.common.ImageReference target) throws IOException {
    lock.lock();
    try {
      Image image = store.create(config, parent);
      if (target != null) {
        refs.add(target, image.id());
        store.setLastTagTime(image.id(), java.time.Instant.now());
        event("tag", image.id(), target.familiarString());
      }
      return store.get(image.id()).orElse(image);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Points {@code ref} (a pull's tag or digest reference) at {@code id}, an image already stored.
   * Returns the image it pointed at before.
   */
  public java.util.Optional<Digest> reference(ImageReference ref, Digest id) throws IOException {
    lock.lock();
    try {
      java.util.Optional<Digest> old = refs.add(ref, id);
      if (ref.digest() == null) {
        store.setLastTagTime(id, java.time.Instant.now());
      }
      return old;
    } finally {
      lock.unlock();
    }
  }

  /** Start-up repair after a crash: drop layers no image needs and directories no layer owns. */
  public void repair() throws IOException {
    lock.lock();
    try {
      collectLayers();
      layers.sweep(users().cacheIds());
    } finally {
      lock.unlock();
    }
  }
}
