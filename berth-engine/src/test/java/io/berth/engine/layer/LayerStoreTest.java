package io.berth.engine.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.archive.LayerWriter;
import io.berth.archive.TarEntry;
import io.berth.archive.TarWriter;
import io.berth.archive.WhiteoutMode;
import io.berth.common.Digest;
import io.berth.engine.storage.GraphDriver;
import io.berth.sys.Linux;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layer store's two kinds of layers on real directories: tars kept, and tars written again. */
@org.junit.jupiter.api.Tag("root") // needs root: runs in the verify phase
class LayerStoreTest {
  private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");
  @TempDir
  Path dir;
  private Path src;

  @BeforeEach
  void setUp() throws IOException {
    src = Files.createDirectory(dir.resolve("src"));
  }

  private LayerStore open(String driver) throws IOException {
    return new LayerStore(dir.resolve("layerdb"), GraphDriver.open(driver, dir.resolve("data")));
  }

  private Path layerDir(Layer layer) {
    return dir.resolve("layerdb/sha256").resolve(layer.chainId().hex());
  }

  private static byte[] tarOf(LayerStore store, Layer layer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.writeTar(layer.chainId(), out);
    return out.toByteArray();
  }

  private static byte[] layerWriter(Path root) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LayerWriter.write(root, out, WhiteoutMode.OVERLAY);
    return out.toByteArray();
  }

  /** A container's upper directory as overlayfs leaves it: a deletion, an opaque directory, links, xattrs. */
  private void containerChanges() throws IOException {
    Path etc = Files.createDirectory(src.resolve("etc"));
    Files.writeString(etc.resolve("motd"), "committed\n");
    Path bin = Files.createDirectory(src.resolve("bin"));
    Linux.mknod(bin.resolve("ls"), Linux.S_IFCHR, 0); // a whiteout: /bin/ls deleted
    Files.write(bin.resolve("tool"), new byte[70_000]);
    Linux.chmod(bin.resolve("tool"), 04755);
    Linux.lchown(bin.resolve("tool"), 12, 34);
    Linux.lsetxattr(bin.resolve("tool"), "user.note", "x".getBytes(StandardCharsets.UTF_8));
    Files.createLink(bin.resolve("tool-again"), bin.resolve("tool"));
    Linux.symlink("tool", bin.resolve("alias"));
    Path home = Files.createDirectory(src.resolve("home"));
    Linux.lsetxattr(home, "trusted.overlay.opaque", new byte[] {'y'});
    Files.writeString(home.resolve("only"), "");
    for (Path p : new Path[] {etc.resolve("motd"), bin.resolve("ls"), bin.resolve("tool"), bin.resolve("alias"),
        home.resolve("only"), etc, bin, home}) {
      Linux.utimensat(p, T, T, true);
    }
  }

  /** {@link #containerChanges} in src, registered as a new base layer. */
  private Layer registerChanges(LayerStore store) throws IOException {
    containerChanges();
    return registerSrc(store);
  }

  /** src as a new base layer, its lease released. */
  private Layer registerSrc(LayerStore store) throws IOException {
    try (Lease lease = store.lease()) {
      return store.registerDirectory(src, null, lease);
    }
  }

  @Test
  void aLayerMadeFromADirectoryKeepsNoTarAndWritesTheSameTarAgain() throws IOException {
    LayerStore store = open("overlay2");
    Layer layer = registerChanges(store);
    assertEquals(Layer.TarSource.REGENERATED, layer.tarSource());
    assertFalse(Files.exists(layerDir(layer).resolve("layer.tar")), "no copy of the tar is kept");
    assertTrue(Files.isRegularFile(layerDir(layer).resolve("tar-from-diff")));

    byte[] tar = tarOf(store, layer);
    assertEquals(layer.diffId(), Digest.sha256(tar));
    assertEquals(layer.tarSize(), tar.length);
    assertArrayEquals(layerWriter(src), tar, "the source tar round-trips, so it is what save writes");
    Path stored = store.driver().diffDir(layer.cacheId());
    assertEquals(0, ((Number) Files.getAttribute(stored.resolve("bin/ls"), "unix:rdev", LinkOption.NOFOLLOW_LINKS))
        .intValue(), "the whiteout is stored as overlayfs keeps it");

    LayerStore restarted = open("overlay2");
    Layer again = restarted.get(layer.chainId()).orElseThrow();
    assertEquals(layer, again);
    restarted.sweep(java.util.Set.of());
    assertArrayEquals(tar, tarOf(restarted, again), "a restart keeps the layer and its tar");
  }

  @Test
  void aDriverDirectoryWhoseLinkFileWasNeverWrittenIsSweptAtStart() throws IOException {
    // kill -9 between creating "link" and writing it (CrashSweepTest met it): the start-up sweep removed
    // the directory and, reading an empty short name, tried to delete l/ itself, and berthd did not start
    LayerStore store = open("overlay2");
    try (Lease lease = store.lease()) {
      store.register(new ByteArrayInputStream(layerWriter(src)), null, null, lease);
    }
    Path home = dir.resolve("data/overlay2");
    Path orphan = Files.createDirectories(home.resolve("crashed").resolve("diff"));
    Files.writeString(orphan.resolveSibling("link"), "");
    open("overlay2").sweep(Set.of());
    assertFalse(Files.exists(orphan.getParent()), "the orphan directory is gone");
    try (var links = Files.list(home.resolve("l"))) {
      assertEquals(1, links.count(), "the real layer's short link stays");
    }
  }

  @Test
  void aLayerFromOutsideKeepsItsExactBytes() throws IOException {
    // not what LayerWriter would write: unsorted, a nanosecond mtime and an atime (PAX records)
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarWriter tar = new TarWriter(bytes)) {
      tar.writeHeader(TarEntry.of("z/", TarEntry.Type.DIRECTORY, T));
      byte[] content = "outside\n".getBytes(StandardCharsets.UTF_8);
      tar.writeHeader(TarEntry.of("a", TarEntry.Type.FILE, T.plusNanos(5)).withTimes(T.plusNanos(5), T)
          .withSize(content.length));
      tar.write(content, 0, content.length);
    }
    byte[] original = bytes.toByteArray();
    LayerStore store = open("overlay2");
    Layer layer;
    try (Lease lease = store.lease()) {
      layer = store.register(new ByteArrayInputStream(original), null, null, lease);
    }
    assertEquals(Layer.TarSource.KEPT, layer.tarSource());
    assertEquals(Digest.sha256(original), layer.diffId());
    assertTrue(Files.isRegularFile(layerDir(layer).resolve("layer.tar")));
    assertArrayEquals(original, tarOf(store, layer));
    assertNotEquals(layer.diffId(), Digest.sha256(layerWriter(store.driver().diffDir(layer.cacheId()))),
        "writing it again would not give the same bytes: that is why they are kept");

    assertEquals(original.length, layer.tarSize());
    LayerStore restarted = open("overlay2");
    assertEquals(layer, restarted.get(layer.chainId()).orElseThrow());
    assertArrayEquals(original, tarOf(restarted, layer));
  }

  @Test
  void aChangedFileInTheLayerFailsTheTarNamingTheLayer() throws IOException {
    LayerStore store = open("overlay2");
    Layer layer = registerChanges(store);
    Path motd = store.driver().diffDir(layer.cacheId()).resolve("etc/motd");
    Files.writeString(motd, "tampered\n"); // same length: only the digest tells
    Linux.utimensat(motd, T, T, true);
    IOException e = assertThrows(IOException.class, () -> tarOf(store, layer));
    assertTrue(e.getMessage().contains(layer.chainId().toString()), e.getMessage());

    Files.writeString(motd, "longer\n".repeat(200)); // a block more: refused before the end
    Linux.utimensat(motd, T, T, true);
    e = assertThrows(IOException.class, () -> tarOf(store, layer));
    assertTrue(e.getMessage().contains(layer.chainId().toString()) && e.getMessage().contains("more than"),
        e.getMessage());
  }

  @Test
  void aSourceThatDoesNotRoundTripGetsTheDiffIdOfTheStoredDirectory() throws IOException {
    // a real file named like a whiteout comes back as a whiteout: the source's tar is not the layer's
    Files.writeString(src.resolve(".wh.gone"), "a file, not a deletion");
    Files.writeString(src.resolve("kept"), "kept");
    LayerStore store = open("overlay2");
    Layer layer = registerSrc(store);
    byte[] tar = tarOf(store, layer);
    assertEquals(layer.diffId(), Digest.sha256(tar));
    assertEquals(layer.tarSize(), tar.length);
    assertNotEquals(Digest.sha256(layerWriter(src)), layer.diffId());
  }

  @Test
  void theSameChangesTwiceAreOneLayerAndOneDirectory() throws IOException {
    containerChanges();
    LayerStore store = open("overlay2");
    try (Lease lease = store.lease()) {
      Layer first = store.registerDirectory(src, null, lease);
      Layer second = store.registerDirectory(src, null, lease);
      assertEquals(first, second);
      store.flushRemovals();
      assertEquals(java.util.Set.of(first.cacheId()), store.driver().ids());
      Files.writeString(src.resolve("etc/extra"), "on top");
      Layer child = store.registerDirectory(src, first.chainId(), lease);
      assertEquals(first.chainId(), child.parent());
      assertEquals(Layer.chainId(first.chainId(), child.diffId()), child.chainId());
      assertEquals(child.diffId(), Digest.sha256(tarOf(store, child)));
    }
  }

  @Test
  void aFailedCopyLeavesNothingBehind() throws IOException {
    LayerStore store = open("overlay2");
    try (Lease lease = store.lease()) {
      IOException e = assertThrows(IOException.class,
          () -> store.registerDirectory(dir.resolve("missing"), null, lease));
      assertTrue(e.getMessage().endsWith("/: no such file or directory"), e.getMessage());
      assertFalse(e.getMessage().contains(dir.toString()), "no host path under the data root: " + e.getMessage());
    }
    assertTrue(store.all().isEmpty());
    assertTrue(store.driver().ids().isEmpty());
    try (var staged = Files.list(dir.resolve("layerdb/tmp"))) {
      assertEquals(0, staged.count());
    }
  }

  @Test
  void aLayerWithNeitherTarNorMarkerIsALeftoverAtStart() throws IOException {
    LayerStore store = open("overlay2");
    Layer layer = registerChanges(store);
    Files.delete(layerDir(layer).resolve("tar-from-diff"));
    LayerStore restarted = open("overlay2");
    assertTrue(restarted.get(layer.chainId()).isEmpty());
    assertFalse(Files.exists(layerDir(layer)));
    restarted.sweep(java.util.Set.of());
    assertTrue(restarted.driver().ids().isEmpty(), "its directory went with it");
  }

  @Test
  void withFullCopiesTheTarOfADirectoryIsKept() throws IOException {
    LayerStore store = open("vfs");
    Layer layer = registerChanges(store);
    assertEquals(Layer.TarSource.KEPT, layer.tarSource());
    byte[] tar = tarOf(store, layer);
    assertArrayEquals(layerWriter(src), tar);
    assertEquals(layer.diffId(), Digest.sha256(tar));
    // vfs carries the whiteout out as a deletion: its directory could not give the tar again
    assertFalse(Files.exists(store.driver().diffDir(layer.cacheId()).resolve("bin/ls"), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aPulledLayerKeepsItsBlobAndWritesItsTarFromIt() throws Exception {
    Files.writeString(src.resolve("hello"), "pulled\n");
    byte[] tar = layerWriter(src);
    Path blob = dir.resolve("download");
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(blob))) {
      gz.write(tar);
    }
    Digest diffId = Digest.sha256(tar);
    LayerStore store = open("vfs");
    Layer layer;
    try (Lease lease = store.lease();
        java.io.InputStream in = io.berth.archive.Compression.decompress(Files.newInputStream(blob))) {
      layer = store.registerKeepingBlob(in, blob, null, diffId, lease);
    }
    assertEquals(Layer.TarSource.BLOB, layer.tarSource());
    assertEquals(tar.length, layer.tarSize());
    assertFalse(Files.exists(layerDir(layer).resolve("layer.tar")), "no copy of the tar");
    assertEquals(Files.readAttributes(blob, "unix:ino"), Files.readAttributes(layerDir(layer).resolve("layer.blob"),
        "unix:ino"), "the download itself, linked");
    Files.delete(blob);
    assertArrayEquals(tar, tarOf(store, layer));
    LayerStore reopened = open("vfs");
    Layer again = reopened.get(layer.chainId()).orElseThrow();
    assertEquals(layer, again);
    assertArrayEquals(tar, tarOf(reopened, again));
  }
}
