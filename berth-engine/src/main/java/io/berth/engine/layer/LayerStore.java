package io.berth.engine.layer;

import io.berth.archive.Compression;
import io.berth.common.BerthException;
import io.berth.common.Digest;
import io.berth.common.AtomicFiles;
import io.berth.engine.storage.GraphDriver;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Layers by chain id, each stored once and shared by every image that uses it. On disk
 * ({@code layerdb/sha256/<chain>/}): {@code diff}, {@code size}, {@code cache-id}, {@code parent},
 * and the layer's tar in one of two forms, so that {@code save} reproduces the layer bit for bit
 * (its digest is the diff id in the image config):
 * <ul>
 *   <li>{@code layer.tar}, the exact uncompressed tar, for a layer from outside (load, import):
 *       its bytes were not berth's to choose, so they are kept ({@link #register}).
 *   <li>{@code layer.blob} with {@code tar-from-blob} (the tar's length) for a pulled layer: the
 *       verified blob it came as, linked in from the download rather than copied, whose
 *       decompression is the tar ({@link #registerKeepingBlob}). A pull thus writes the blob and
 *       the unpacked files, not a third copy, and keeps the compressed size on disk.
 *   <li>{@code tar-from-diff}, holding the tar's length, for a layer berth made from a directory
 *       (commit; {@link #registerDirectory}): no tar is kept, {@link DiffTar} writes it again from
 *       the layer's diff directory. Its diff id is defined as the digest of the tar written from
 *       the stored directory (not from the source it was copied from), so writing it again later
 *       gives the same bytes by construction; {@link #writeTar} checks that as it streams. A 1 GiB
 *       commit thus writes 1 GiB, not 2.
 * </ul>
 * A layer directory appears by one rename once complete (metadata and marker fsynced before);
 * anything else found at start, such as a directory with neither form of tar, is a leftover and
 * is swept.
 */
public final class LayerStore {
  private static final String TAR = "layer.tar";
  private static final String FROM_DIFF = "tar-from-diff";
  private static final String BLOB = "layer.blob";
  private static final String FROM_BLOB = "tar-from-blob";
  /** How long the store stays quiet before the copies of existing layers are removed. */
  private static final long QUIET_MILLIS = 5_000;
  private final Path root;
  private final Path staging;
  private final GraphDriver driver;
  private final SecureRandom random = new SecureRandom();
  private final Map<Digest, Layer> layers = new ConcurrentHashMap<>();
  private final Set<Lease> leases = ConcurrentHashMap.newKeySet();
  private final DeferredRemovals duplicates;

  public LayerStore(Path root, GraphDriver driver) throws IOException {
    this.root = root.resolve("sha256");
    this.staging = root.resolve("tmp");
    this.driver = driver;
    this.duplicates = new DeferredRemovals(driver, QUIET_MILLIS);
    Files.createDirectories(this.root);
    AtomicFiles.deleteTree(staging);
    Files.createDirectories(staging);
    load();
  }

  public GraphDriver driver() {
    return driver;
  }

  /** Removes now the directories of layers made again that wait for a quiet moment (tests). */
  public void flushRemovals() {
    duplicates.flush();
  }

  private void load() throws IOException {
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        try {
          Layer layer = read(dir);
          layers.put(layer.chainId(), layer);
        } catch (IOException | RuntimeException e) {
          AtomicFiles.deleteTree(dir); // unreadable metadata cannot be trusted
        }
      }
    }
  }

  private static Layer read(Path dir) throws IOException {
    Digest chain = new Digest("sha256", dir.getFileName().toString());
    Digest diff = Digest.parse(Files.readString(dir.resolve("diff")).trim());
    Path parentFile = dir.resolve("parent");
    Digest parent = Files.exists(parentFile) ? Digest.parse(Files.readString(parentFile).trim()) : null;
    long size = Long.parseLong(Files.readString(dir.resolve("size")).trim());
    String cacheId = Files.readString(dir.resolve("cache-id")).trim();
    Path tar = dir.resolve(TAR);
    Path fromDiff = dir.resolve(FROM_DIFF);
    if (Files.isRegularFile(tar)) {
      return new Layer(chain, diff, parent, size, cacheId, Layer.TarSource.KEPT, Files.size(tar));
    }
    if (Files.isRegularFile(fromDiff)) {
      long tarSize = Long.parseLong(Files.readString(fromDiff).trim());
      return new Layer(chain, diff, parent, size, cacheId, Layer.TarSource.REGENERATED, tarSize);
    }
    if (Files.isRegularFile(dir.resolve(BLOB)) && Files.isRegularFile(dir.resolve(FROM_BLOB))) {
      long tarSize = Long.parseLong(Files.readString(dir.resolve(FROM_BLOB)).trim());
      return new Layer(chain, diff, parent, size, cacheId, Layer.TarSource.BLOB, tarSize);
    }
    throw new IOException("layer " + chain + " has no tar");
  }

  /**
   * Start-up repair: drops layers whose parent or directory is gone, and driver directories no
   * layer owns (a crash mid-register). {@code otherCacheIds} are directories owned elsewhere.
   */
  public synchronized void sweep(Set<String> otherCacheIds) throws IOException {
    Set<String> driverIds = driver.ids();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Layer layer : List.copyOf(layers.values())) {
        boolean orphan = layer.parent() != null && !layers.containsKey(layer.parent());
        if (orphan || !driverIds.contains(layer.cacheId())) {
          deleteLayer(layer);
          changed = true;
        }
      }
    }
    Set<String> owned = new HashSet<>(otherCacheIds);
    layers.values().forEach(l -> owned.add(l.cacheId()));
    for (String id : driverIds) {
      if (!owned.contains(id)) {
        driver.remove(id);
      }
    }
    if (driver instanceof io.berth.engine.storage.Overlay2Driver overlay) {
      overlay.sweepLinks();
    }
  }

  public Optional<Layer> get(Digest chainId) {
    return Optional.ofNullable(layers.get(chainId));
  }

  public List<Layer> all() {
    return List.copyOf(layers.values());
  }

  public Lease lease() {
    Lease lease = new Lease(this);
    leases.add(lease);
    return lease;
  }

  void release(Lease lease) {
    leases.remove(lease);
  }

  /**
   * Writes a layer's uncompressed tar (for save; {@link Layer#tarSize} bytes), whichever way it is
   * stored: the kept file, or written again from the layer's directory and checked against the
   * diff id as it goes (an IOException naming the layer when they differ). The layer is leased
   * meanwhile, so a concurrent delete does not pull its directory away mid-stream.
   */
  public void writeTar(Digest chainId, OutputStream out) throws IOException {
    try (Lease lease = lease()) {
      Layer layer = holdIfPresent(chainId, lease).orElseThrow(
          () -> new BerthException.NotFound("layer does not exist: " + chainId));
      switch (layer.tarSource()) {
        case KEPT -> {
          try (InputStream in = Files.newInputStream(root.resolve(chainId.hex()).resolve(TAR))) {
            in.transferTo(out);
          }
        }
        case REGENERATED -> DiffTar.write(driver.diffDir(layer.cacheId()),
            new DiffTar.Summary(layer.diffId(), layer.tarSize()), out, chainId);
        case BLOB -> {
          try (InputStream in = Compression.decompress(Files.newInputStream(root.resolve(chainId.hex()).resolve(BLOB)))) {
            in.transferTo(out);
          }
        }
      }
    }
  }

  /**
   * Unpacks an uncompressed layer tar on top of {@code parent} and records it with its tar kept,
   * or returns the layer already stored under the same chain id. When {@code expectedDiffId} is
   * given (a load) and the layer is already present, the tar is not read at all; a tar whose digest
   * differs from it is rejected and leaves nothing behind. The layer stays leased to {@code lease}.
   */
  public Layer register(InputStream tar, Digest parent, Digest expectedDiffId, Lease lease) throws IOException {
    return register(tar, null, parent, expectedDiffId, lease);
  }

  /**
   * As {@link #register}, for a pulled layer: {@code tar} is the decompression of {@code blob}
   * (read to its end, so verified, by the time {@code tar} ends), and instead of a copy of the
   * tar the blob file itself is kept, by a hard link (a copy only across file systems).
   */
  public Layer registerKeepingBlob(InputStream tar, Path blob, Digest parent, Digest expectedDiffId, Lease lease)
      throws IOException {
    return register(tar, blob, parent, expectedDiffId, lease);
  }

  private Layer register(InputStream tar, Path blob, Digest parent, Digest expectedDiffId, Lease lease)
      throws IOException {
    Layer parentLayer = parentLayer(parent);
    if (expectedDiffId != null) {
      Optional<Layer> existing = holdIfPresent(Layer.chainId(parent, expectedDiffId), lease);
      if (existing.isPresent()) {
        return existing.get();
      }
    }
    String cacheId = newCacheId();
    Path stage = staging.resolve(AtomicFiles.stagingName());
    Files.createDirectories(stage);
    try {
      MessageDigest md = Digest.newSha256();
      long size;
      long tarSize;
      try (OutputStream kept = (blob == null
          ? new BufferedOutputStream(Files.newOutputStream(stage.resolve(TAR)), 1 << 16)
          : OutputStream.nullOutputStream())) {
        HashingTee tee = new HashingTee(tar, kept, md);
        size = driver.createFromDiff(cacheId, parentLayer == null ? null : parentLayer.cacheId(), tee);
        tee.drain();
        tarSize = tee.count();
      }
      Digest diffId = Digest.ofSha256(md);
      if (expectedDiffId != null && !expectedDiffId.equals(diffId)) {
        throw new BerthException.InvalidParameter(
            "invalid diffID for layer: expected \"" + expectedDiffId + "\", got \"" + diffId + "\"");
      }
      Layer.TarSource source = Layer.TarSource.KEPT;
      if (blob != null) {
        try {
          Files.createLink(stage.resolve(BLOB), blob);
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(blob, stage.resolve(BLOB));
        }
        Files.writeString(stage.resolve(FROM_BLOB), Long.toString(tarSize));
        source = Layer.TarSource.BLOB;
      }
      return publish(stage, new Layer(Layer.chainId(parent, diffId), diffId, parent, size, cacheId, source, tarSize),
          lease);
    } catch (IOException | RuntimeException e) {
      driver.remove(cacheId);
      throw e;
    } finally {
      AtomicFiles.deleteTree(stage);
    }
  }

  /**
   * Records the files of {@code dir} (in overlay form: whiteouts as 0:0 character devices, opaque
   * directories by xattr, as a container's upper directory) as a new layer on {@code parent}, or
   * returns the layer already stored under the same chain id; leased to {@code lease}. The tar of
   * {@code dir} is unpacked into a new driver directory without being stored; the diff id is the
   * digest of the tar written again from that new directory, which {@link #writeTar} reproduces
   * (got without reading the new directory's data again when provably equal: {@link DiffTar}).
   * With a driver whose directories are full copies (vfs) nothing could be written again, so the
   * tar is kept as for {@link #register}.
   */
  public Layer registerDirectory(Path dir, Digest parent, Lease lease) throws IOException {
    if (!driver.diffDirHoldsChangesOnly()) {
      try (InputStream tar = DiffTar.copy(dir)) {
        return register(tar, parent, null, lease);
      }
    }
    Layer parentLayer = parentLayer(parent);
    String cacheId = newCacheId();
    Path stage = staging.resolve(AtomicFiles.stagingName());
    try {
      long size;
      DiffTar.Summary tar;
      try (DiffTar.Copy copy = DiffTar.copy(dir)) {
        size = driver.createFromDiff(cacheId, parentLayer == null ? null : parentLayer.cacheId(), copy);
        tar = DiffTar.summarize(copy, driver.diffDir(cacheId));
      }
      Files.createDirectories(stage);
      Files.writeString(stage.resolve(FROM_DIFF), Long.toString(tar.size()));
      return publish(stage, new Layer(Layer.chainId(parent, tar.digest()), tar.digest(), parent, size, cacheId,
          Layer.TarSource.REGENERATED, tar.size()), lease);
    } catch (IOException | RuntimeException e) {
      driver.remove(cacheId);
      throw e;
    } finally {
      AtomicFiles.deleteTree(stage);
    }
  }

  /**
   * Makes the driver directory {@code cacheId} (a read-write layer on {@code parent}'s directory, unmounted,
   * holding changes in overlay form) a layer in place, without copying it: the builder's COPY writes its files
   * once. Only for drivers whose directories hold changes only; the directory is the layer's from then on (or
   * removed, when a layer with the same chain id exists).
   */
  public Layer adoptDirectory(String cacheId, Digest parent, Lease lease) throws IOException {
    if (!driver.diffDirHoldsChangesOnly()) {
      throw new IllegalStateException("the " + driver.name() + " driver's directories are full copies");
    }
    parentLayer(parent);
    Path stage = staging.resolve(AtomicFiles.stagingName());
    try {
      Path diff = driver.diffDir(cacheId);
      DiffTar.Summary tar = DiffTar.summarize(diff);
      Files.createDirectories(stage);
      Files.writeString(stage.resolve(FROM_DIFF), Long.toString(tar.size()));
      return publish(stage, new Layer(Layer.chainId(parent, tar.digest()), tar.digest(), parent,
          io.berth.engine.storage.DirectorySize.of(diff), cacheId, Layer.TarSource.REGENERATED, tar.size()), lease);
    } finally {
      AtomicFiles.deleteTree(stage);
    }
  }

  private Layer parentLayer(Digest parent) {
    return parent == null ? null : get(parent).orElseThrow(
        () -> new BerthException.NotFound("layer does not exist: " + parent));
  }

  /**
   * Makes {@code layer}, whose driver directory and tar (or marker) are ready, visible: metadata
   * written into {@code stage} and fsynced, then one rename. When a layer with the same chain id
   * already exists the new driver directory is dropped and that one is returned.
   */
  private synchronized Layer publish(Path stage, Layer layer, Lease lease) throws IOException {
    duplicates.activity();
    Optional<Layer> existing = holdIfPresent(layer.chainId(), lease);
    if (existing.isPresent()) {
      duplicates.remove(layer.cacheId()); // off the caller's path: see DeferredRemovals
      return existing.get();
    }
    Files.writeString(stage.resolve("diff"), layer.diffId().toString());
    Files.writeString(stage.resolve("size"), Long.toString(layer.size()));
    Files.writeString(stage.resolve("cache-id"), layer.cacheId());
    if (layer.parent() != null) {
      Files.writeString(stage.resolve("parent"), layer.parent().toString());
    }
    // Metadata is made durable before the rename; the tar, like the unpacked files, is left to
    // the page cache (as Docker does): a kill -9 loses nothing, only a power cut could.
    AtomicFiles.syncFiles(stage, "diff", "size", "cache-id", "parent", FROM_DIFF, FROM_BLOB);
    AtomicFiles.publish(stage, root.resolve(layer.chainId().hex()));
    layers.put(layer.chainId(), layer);
    lease.hold(layer.chainId());
    return layer;
  }

  private synchronized Optional<Layer> holdIfPresent(Digest chainId, Lease lease) {
    Layer layer = layers.get(chainId);
    if (layer != null) {
      lease.hold(chainId);
    }
    return Optional.ofNullable(layer);
  }

  /**
   * Removes every layer that no root chain id needs (a root keeps its whole parent chain) and
   * no lease holds. Returns the removed layers, children before parents, as {@code rmi} lists them.
   */
  public synchronized List<Layer> collect(Set<Digest> roots) throws IOException {
    Set<Digest> keep = new HashSet<>();
    List<Digest> pending = new ArrayList<>(roots);
    leases.forEach(l -> pending.addAll(l.held()));
    while (!pending.isEmpty()) {
      Digest d = pending.removeLast();
      Layer layer = layers.get(d);
      if (layer != null && keep.add(d) && layer.parent() != null) {
        pending.add(layer.parent());
      }
    }
    Map<Digest, Integer> depth = new HashMap<>();
    List<Layer> doomed = new ArrayList<>();
    for (Layer layer : layers.values()) {
      if (!keep.contains(layer.chainId())) {
        doomed.add(layer);
        depth.put(layer.chainId(), depth(layer));
      }
    }
    doomed.sort(Comparator.comparing((Layer l) -> depth.get(l.chainId())).reversed());
    for (Layer layer : doomed) {
      deleteLayer(layer);
    }
    return doomed;
  }

  private int depth(Layer layer) {
    int d = 0;
    for (Layer l = layer; l.parent() != null && layers.containsKey(l.parent()); l = layers.get(l.parent())) {
      d++;
    }
    return d;
  }

  /** Metadata first, then the directory: a crash in between leaves an unowned directory, swept at start. */
  private void deleteLayer(Layer layer) throws IOException {
    Path dir = root.resolve(layer.chainId().hex());
    Path trash = staging.resolve(AtomicFiles.stagingName());
    if (Files.exists(dir)) {
      Files.move(dir, trash);
      AtomicFiles.syncDirectory(root);
    }
    layers.remove(layer.chainId());
    driver.remove(layer.cacheId());
    AtomicFiles.deleteTree(trash);
  }

  /** The chain ids of {@code diffIds} stacked in order. */
  public static List<Digest> chainIds(List<Digest> diffIds) {
    List<Digest> chains = new ArrayList<>(diffIds.size());
    Digest parent = null;
    for (Digest diff : diffIds) {
      parent = Layer.chainId(parent, diff);
      chains.add(parent);
    }
    return chains;
  }

  public long size(Digest chainId) {
    Layer layer = layers.get(chainId);
    return layer == null ? 0 : layer.size();
  }

  private String newCacheId() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

}
