package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Archives written by the reference engine (Docker 20.10's legacy layout) and in Docker 25+'s
 * OCI layout (with gzip and zstd layers) load into berth with the same image IDs, layer sizes
 * and history that Docker reported for them.
 */
class CrossEngineTest {
  private static Berthd daemon;

  @BeforeAll
  static void start() throws IOException {
    daemon = Berthd.start();
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

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
      assertEquals(id, daemon.docker("image", "inspect", "-f", "{{.Id}}", tag).ok().line());
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
}
