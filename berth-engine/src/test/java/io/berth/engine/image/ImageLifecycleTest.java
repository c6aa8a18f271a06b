package io.berth.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.archive.TarEntry;
import io.berth.archive.TarWriter;
import io.berth.common.BerthException;
import io.berth.common.Digest;
import io.berth.common.Filters;
import io.berth.engine.Engine;
import io.berth.engine.fake.FakeRuntimes;
import io.berth.registry.Platform;
import io.berth.common.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The image store end to end on real directories, with both storage drivers. */
@org.junit.jupiter.api.Tag("root") // needs root: runs in the verify phase
class ImageLifecycleTest {
  private Path dir;

  @BeforeEach
  void setUp() throws IOException {
    dir = Files.createTempDirectory("berth-engine-test");
  }

  @AfterEach
  void tearDown() throws IOException {
    AtomicFiles.deleteTree(dir);
  }

  private Engine open(String name, String driver) throws IOException {
    // images only: the fakes stand in for the runtime and network a container would need
    Engine.EngineConfig config = new Engine.EngineConfig(dir.resolve(name), dir.resolve(name + "-exec"), driver, "none",
        "", java.util.Map.of(), "");
    return Engine.open(config, new Engine.Drivers(new FakeRuntimes(dir.resolve(name + "-exec/c")), () -> null,
        new io.berth.runtime.ExecLauncher(dir.resolve("none"))));
  }

  static byte[] rootfs(String marker) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarWriter tar = new TarWriter(bytes)) {
      Instant t = Instant.parse("2024-01-01T00:00:00Z");
      tar.writeHeader(TarEntry.of("etc/", TarEntry.Type.DIRECTORY, t));
      byte[] content = ("hello " + marker + "\n").getBytes(StandardCharsets.UTF_8);
      tar.writeHeader(TarEntry.of("etc/hello", TarEntry.Type.FILE, t).withSize(content.length));
      tar.write(content, 0, content.length);
      tar.writeHeader(TarEntry.of("bin/", TarEntry.Type.DIRECTORY, t));
      tar.writeHeader(TarEntry.of("bin/sh", TarEntry.Type.SYMLINK, t).withLink(TarEntry.Type.SYMLINK, "busybox"));
      tar.finish();
    }
    return bytes.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlay2", "vfs"})
  void importTagSaveLoadRemove(String driver) throws IOException {
    Engine a = open("a", driver);
    Image image = a.imageImporter().importTar(new ByteArrayInputStream(rootfs("a")), "test/app", "v1", null,
        List.of("CMD [\"sh\"]", "ENV A=1 B=\"two words\"", "LABEL k=v"), "-", null);
    assertEquals(List.of("sh"), image.containerConfig().get("Cmd"));
    assertEquals(List.of("A=1", "B=two words"), image.containerConfig().get("Env"));
    assertEquals("Imported from -", image.config().get("comment"));
    a.imageService().tag("test/app:v1", "other", "x");
    assertEquals(image.id(), a.images().resolve("other:x").id());
    assertEquals(image.id(), a.images().resolve(image.id().hex().substring(0, 6)).id());

    ByteArrayOutputStream saved = new ByteArrayOutputStream();
    a.imageArchive().save(a.imageArchive().select(List.of("test/app:v1"), null), saved);

    Engine b = open("b", driver);
    List<String> lines = new ArrayList<>();
    List<Digest> loaded = b.imageArchive().load(new ByteArrayInputStream(saved.toByteArray()), true, null,
        p -> lines.add(p.stream()));
    assertEquals(List.of(image.id()), loaded, "the image ID survives save and load");
    assertEquals(List.of("Loaded image: test/app:v1\n"), lines);
    assertEquals(a.imageService().history("test/app:v1", null).getFirst().size(),
        b.imageService().history("test/app:v1", null).getFirst().size());

    // Untag keeps the image while another tag remains; the last one deletes image and layer.
    var first = a.imageRemover().remove("other:x", false, true, null);
    assertEquals("other:x", first.getFirst().untagged());
    assertEquals(1, first.size());
    var second = a.imageRemover().remove("test/app:v1", false, true, null);
    assertEquals("test/app:v1", second.get(0).untagged());
    assertEquals(image.id().toString(), second.get(1).deleted());
    assertEquals(3, second.size(), "image, then its one layer");
    assertTrue(a.images().store().all().isEmpty());
    assertTrue(a.images().layers().all().isEmpty());
    try (Stream<Path> left = Files.list(a.driver().home())) {
      assertFalse(left.anyMatch(p -> !p.getFileName().toString().equals("l") && !p.getFileName().toString().equals("dir")),
          "no layer directory left behind");
    }
    assertThrows(BerthException.NotFound.class, () -> a.imageRemover().remove("test/app:v1", false, true, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlay2"})
  void layersAreSharedAndSurviveRestart(String driver) throws IOException {
    Engine a = open("a", driver);
    byte[] tar = rootfs("same");
    Image one = a.imageImporter().importTar(new ByteArrayInputStream(tar), "one", null, null, List.of(), "-", null);
    Image two = a.imageImporter().importTar(new ByteArrayInputStream(tar), "two", null, "different message", List.of(), "-", null);
    assertFalse(one.id().equals(two.id()));
    assertEquals(1, a.images().layers().all().size(), "one layer, stored once");
    var summaries = a.imageService().list(Filters.EMPTY, false, true);
    assertEquals(summaries.getFirst().size(), summaries.getFirst().sharedSize());

    Engine again = open("a", driver); // a restart: everything is read back from disk
    assertEquals(2, again.images().store().all().size());
    assertEquals(one.id(), again.images().resolve("one").id());
    again.imageRemover().remove("one", false, true, null);
    assertEquals(1, again.images().layers().all().size(), "the shared layer stays for image two");
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlay2"})
  void corruptArchiveLeavesStoreUnchanged(String driver) throws IOException {
    Engine a = open("a", driver);
    a.imageImporter().importTar(new ByteArrayInputStream(rootfs("a")), "keep", null, null, List.of(), "-", null);
    ByteArrayOutputStream saved = new ByteArrayOutputStream();
    a.imageArchive().save(a.imageArchive().select(List.of("keep"), null), saved);
    byte[] truncated = java.util.Arrays.copyOf(saved.toByteArray(), saved.size() / 2);
    Engine b = open("b", driver);
    var cut = assertThrows(BerthException.InvalidParameter.class,
        () -> b.imageArchive().load(new ByteArrayInputStream(truncated), true, null, p -> { }));
    assertEquals("unexpected EOF", cut.getMessage());
    assertTrue(b.images().store().all().isEmpty());
    assertTrue(b.images().layers().all().isEmpty());
    assertThrows(BerthException.class, () -> b.imageArchive().load(
        new ByteArrayInputStream("not a tar at all".repeat(100).getBytes()), true, null, p -> { }));
  }

  /** dockerd's graph store with a platform: one image per reference, so it must match or it is not there. */
  @ParameterizedTest
  @ValueSource(strings = {"vfs"})
  void aPlatformPicksOrRefusesAsDockerdsGraphStore(String driver) throws IOException {
    Engine a = open("a", driver);
    Platform amd64 = new Platform("linux", "amd64", "");
    Platform arm64 = new Platform("linux", "arm64", "");
    Image arm = a.imageImporter().importTar(new ByteArrayInputStream(rootfs("x")), "multi", "arm", null, List.of(),
        "-", new Platform("linux", "arm64", ""));
    assertEquals("arm64", arm.config().get("architecture"));
    assertFalse(arm.config().containsKey("variant"));
    Image host = a.imageImporter().importTar(new ByteArrayInputStream(rootfs("x")), "multi", "host", null, List.of(),
        "-", null);

    assertEquals(1, a.imageService().history("multi:arm", arm64).size());
    var other = assertThrows(BerthException.NotFound.class, () -> a.imageService().history("multi:arm", amd64));
    assertEquals("image with reference multi:arm was found but its platform (linux/arm64) does not match the"
        + " specified platform (linux/amd64)", other.getMessage());
    var canonical = assertThrows(BerthException.NotFound.class,
        () -> a.imageService().inspect("docker.io/library/multi:arm", amd64));
    assertTrue(canonical.getMessage().startsWith("image with reference multi:arm was found"), canonical.getMessage());
    assertThrows(BerthException.NotFound.class, () -> a.imageRemover().remove("multi:arm", false, true, amd64));
    assertEquals(arm.id(), a.images().resolve("multi:arm").id(), "a refused removal removes nothing");

    IOException mixed = assertThrows(IOException.class, () -> a.imageArchive().select(List.of("multi"), arm64));
    assertEquals("no suitable export target found for platform linux/arm64", mixed.getMessage());
    ByteArrayOutputStream saved = new ByteArrayOutputStream();
    a.imageArchive().save(a.imageArchive().select(List.of("multi"), null), saved);
    Engine b = open("b", driver);
    List<Digest> loaded = b.imageArchive().load(new ByteArrayInputStream(saved.toByteArray()), true,
        new Platform("linux", "aarch64", ""), p -> { });
    assertEquals(List.of(arm.id()), loaded, "only the image for the platform is loaded");
    assertThrows(BerthException.NotFound.class, () -> b.images().resolve("multi:host"));
    assertEquals(host.id().toString(), a.imageRemover().remove("multi:host", false, true, null).get(1).deleted());

    var windows = assertThrows(BerthException.InvalidParameter.class, () -> a.imageImporter().importTar(
        new ByteArrayInputStream(rootfs("x")), "win", null, null, List.of(), "-", new Platform("windows", "amd64", "")));
    assertEquals("operating system is not supported", windows.getMessage());
  }
}
