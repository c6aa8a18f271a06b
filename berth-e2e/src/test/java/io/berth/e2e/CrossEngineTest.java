package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Archives written by the reference engine (Docker 20.10's legacy layout) and in Docker 25+'s
 * OCI layout (with gzip and zstd layers) load into berth with the same image IDs, layer sizes
 * and history that Docker reported for them.
 */
class CrossEngineTest {
  @Started
  private static Berthd daemon;

  @ParameterizedTest
  @CsvSource({
      "docker20-single.tar, docker20-single",
      "docker25-single.tar, docker20-single",
      "docker20-multi.tar, docker20-multi",
      "docker25-multi.tar, docker20-multi",
      "docker25-multi-compressed.tar, docker20-multi"})
  void loadsWithDockersIdsAndHistory(String archive, String recorded) throws IOException {
    Map<String, Object> ids = Json.object(Files.readAllBytes(Fixtures.fixture(recorded + ".ids.json")));
    String id = (String) ids.get("Id");
    @SuppressWarnings("unchecked")
    List<String> tags = (List<String>) ids.get("RepoTags");
    Result load = daemon.docker("load", "-i", Fixtures.fixture(archive).toString()).ok();
    for (String tag : tags) {
      assertTrue(load.out().contains("Loaded image: " + tag), load.out());
      assertEquals(id, daemon.imageId(tag));
    }
    String expectedHistory = Files.readAllLines(Fixtures.fixture(recorded + ".history.txt")).stream()
        .map(l -> l.substring(l.indexOf('\t') + 1)).collect(Collectors.joining("\n"));
    String history = daemon.docker("history", "--no-trunc", "--format", "{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}",
        tags.getFirst()).ok().out().strip();
    assertEquals(expectedHistory.strip(), history);
    @SuppressWarnings("unchecked")
    List<String> diffIds = (List<String>) ids.get("DiffIds");
    assertEquals(String.join(" ", diffIds),
        daemon.docker("image", "inspect", "-f", "{{join .RootFS.Layers \" \"}}", id).ok().line());
    // and the image leaves no trace once removed
    daemon.docker("rmi", "-f", id).ok();
    assertEquals("", daemon.docker("images", "-aq").ok().line());
  }

  /** berth's save loads into the reference engine and back, keeping the image ID both ways. */
  @org.junit.jupiter.api.Test
  void referenceEngineLoadsWhatBerthSaves() throws IOException {
    byte[] busybox = Files.readAllBytes(Fixtures.busyboxTar());
    try (ReferenceDockerd reference = ReferenceDockerd.start()) {
      String id = daemon.berthIn(busybox, "import", "-c", "CMD [\"sh\"]", "-", "xeng/busybox:1").ok().line();
      java.nio.file.Path fromBerth = daemon.dir.resolve("from-berth.tar");
      daemon.berth("save", "-o", fromBerth.toString(), "xeng/busybox:1").ok();
      Result load = reference.docker("load", "-i", fromBerth.toString()).ok();
      assertTrue(load.out().contains("Loaded image: xeng/busybox:1"), load.out());
      assertEquals(id, reference.imageId("xeng/busybox:1"));

      reference.docker("tag", "xeng/busybox:1", "xeng/busybox:2").ok();
      java.nio.file.Path fromDocker = reference.dir.resolve("from-docker.tar");
      reference.docker("save", "-o", fromDocker.toString(), "xeng/busybox:2").ok();
      daemon.docker("rmi", "xeng/busybox:1").ok();
      daemon.docker("load", "-i", fromDocker.toString()).ok();
      assertEquals(id, daemon.imageId("xeng/busybox:2"));
      daemon.docker("rmi", "xeng/busybox:2").ok();
    }
  }
}
