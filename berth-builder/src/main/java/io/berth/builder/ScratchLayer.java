package io.berth.builder;

import io.berth.common.Digest;
import io.berth.engine.container.Snapshots;
import io.berth.engine.image.Image;
import io.berth.engine.image.Images;
import io.berth.engine.layer.Layer;
import io.berth.engine.layer.Lease;
import io.berth.engine.storage.GraphDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A read-write driver layer on an image, mounted, for the steps that change files without a container
 * (COPY, ADD, WORKDIR, and reading another stage's files): moby's NewRWLayer. Its changes become the step's
 * layer; closing unmounts and removes it. A crash leaves a driver directory no layer owns, which the next
 * start sweeps.
 */
final class ScratchLayer implements AutoCloseable {
  private final GraphDriver driver;
  private final io.berth.engine.layer.LayerStore layers;
  private final String id;
  private final String lower;
  private final Digest parentChain;
  private Path root;
  private boolean adopted;

  private ScratchLayer(io.berth.engine.layer.LayerStore layers, String id, String lower, Digest parentChain) {
    this.driver = layers.driver();
    this.layers = layers;
    this.id = id;
    this.lower = lower;
    this.parentChain = parentChain;
  }

  /** A layer on {@code image} (null: on nothing, as {@code FROM scratch}), mounted. */
  static ScratchLayer on(Images images, Image image) throws IOException {
    List<Digest> chain = image == null ? List.of() : images.chain(image);
    Digest top = chain.isEmpty() ? null : chain.getLast();
    String lower = null;
    if (top != null) {
      Layer layer = images.layers().get(top).orElseThrow(() -> new BuildException("layer does not exist: " + top));
      lower = layer.cacheId();
    }
    byte[] random = new byte[16];
    ThreadLocalRandom.current().nextBytes(random);
    ScratchLayer s = new ScratchLayer(images.layers(), "build-" + HexFormat.of().formatHex(random), lower, top);
    s.driver.createReadWrite(s.id, lower);
    try {
      s.root = s.driver.mount(s.id);
    } catch (IOException | RuntimeException e) {
      s.driver.remove(s.id);
      throw e;
    }
    return s;
  }

  /** The merged tree: the image's files with this layer's changes on top. */
  Path root() {
    return root;
  }

  /**
   * The changes as a layer on the image's, or null when nothing changed (the step then adds no layer, as a
   * classic build's empty diff does).
   */
  Layer commit(Snapshots snapshots, Lease lease) throws IOException {
    driver.unmount(id);
    root = null;
    Layer layer;
    if (driver.diffDirHoldsChangesOnly()) {
      if (isEmpty(driver.diffDir(id))) {
        return null;
      }
      layer = layers.adoptDirectory(id, parentChain, lease);
      adopted = true; // the directory is the layer's now (or gone, when the layer existed already)
    } else {
      layer = snapshots.readWriteAsLayer(id, lower, parentChain, lease);
    }
    return layer.diffId().equals(EMPTY_TAR) ? null : layer;
  }

  /** The digest of a tar with no entries (two zero blocks): Docker's empty layer. */
  static final Digest EMPTY_TAR = Digest.parse(
      "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");

  static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (root != null) {
        driver.unmount(id);
      }
    } finally {
      if (!adopted) {
        driver.remove(id);
      }
    }
  }
}
