package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interrupted downloads: a layer served slowly through a proxy is cut off mid-way (a dropped
 * connection, then a kill -9 of berthd), and the next attempt asks only for the rest with a
 * {@code Range} request; the store stays consistent across the crash.
 */
class RegistryResumeTest {
  private static final int LAYER = 6 << 20;
  private static final Pattern RANGE = Pattern.compile("(?i)range: bytes=(\\d+)-");
  @Started
  private static LocalRegistry registry;
  @Started
  private static Berthd daemon;
  private static ThrottlingProxy proxy;

  @BeforeAll
  static void start() throws IOException {
    proxy = new ThrottlingProxy(registry.port, 0);
  }

  @AfterAll
  static void stop() {
    Fixtures.closeAll(proxy);
  }

  /** A one-layer image of random bytes pushed to the registry and removed again; returns its ID. */
  private static String pushRandom(String repo) throws IOException {
    Path dir = Files.createTempDirectory("berth-e2e-layer-");
    try {
      byte[] data = new byte[LAYER];
      new java.util.Random().nextBytes(data);
      Files.write(dir.resolve("data.bin"), data);
      Berthd.exec(List.of("tar", "-C", dir.toString(), "-cf", dir.resolve("layer.tar").toString(), "data.bin"),
          Map.of(), null).ok();
      String ref = registry.host() + "/" + repo;
      String id = daemon.dockerIn(Files.readAllBytes(dir.resolve("layer.tar")), "import", "-", ref).ok().line();
      daemon.docker("push", ref).ok();
      daemon.docker("rmi", ref).ok();
      return id;
    } finally {
      Berthd.deleteTree(dir);
    }
  }

  /** The bytes of the partial download in progress, once there are at least {@code bytes}. */
  private static long awaitPartial(long bytes) throws Exception {
    Path downloads = daemon.dataRoot.resolve("downloads");
    for (int i = 0; i < 600; i++) {
      try (Stream<Path> files = Files.exists(downloads) ? Files.list(downloads) : Stream.empty()) {
        long largest = files.mapToLong(f -> f.toFile().length()).max().orElse(0);
        if (largest >= bytes) {
          return largest;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no partial download of " + bytes + " bytes appeared");
  }

  /** The offsets of the range requests sent through the proxy. */
  private static List<Long> ranges() {
    Matcher m = RANGE.matcher(proxy.requests());
    List<Long> offsets = new java.util.ArrayList<>();
    while (m.find()) {
      offsets.add(Long.parseLong(m.group(1)));
    }
    return offsets;
  }

  private static long count(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  @Test
  void droppedConnectionIsResumedWithARangeRequest() throws Exception {
    String id = pushRandom("e2e/dropped:1");
    String ref = proxy.host() + "/e2e/dropped:1";
    proxy.bytesPerSecond = 1 << 20;
    CompletableFuture<Result> pull = CompletableFuture.supplyAsync(() -> daemon.docker("pull", ref));
    long partial = awaitPartial(1 << 20);
    proxy.dropConnections();
    proxy.bytesPerSecond = 0;
    Result r = pull.get().ok();
    assertTrue(r.out().contains("Retrying in"), r.out());
    assertTrue(ranges().stream().anyMatch(offset -> offset >= partial), "ranges " + ranges() + " after " + partial);
    assertEquals(id, daemon.imageId(ref));
    assertEquals(0, count(daemon.dataRoot.resolve("downloads")), "a finished download leaves no file");
  }

  @Test
  void killedDaemonLeavesAConsistentStoreAndTheNextPullResumes() throws Exception {
    String id = pushRandom("e2e/killed:1");
    String ref = proxy.host() + "/e2e/killed:1";
    String driver = daemon.docker("info", "-f", "{{.Driver}}").ok().line();
    Path layerdb = daemon.dataRoot.resolve("image").resolve(driver).resolve("layerdb");
    long layers = count(layerdb.resolve("sha256"));
    long driverDirs = count(daemon.dataRoot.resolve(driver));
    proxy.bytesPerSecond = 1 << 20;
    CompletableFuture<Result> pull = CompletableFuture.supplyAsync(() -> daemon.docker("pull", ref));
    long partial = awaitPartial(1 << 20);
    daemon.kill9();
    assertEquals(1, pull.get().exit());
    proxy.bytesPerSecond = 0;
    proxy.dropConnections();
    daemon.restart();

    assertFalse(daemon.docker("images").ok().out().contains("e2e/killed"));
    assertEquals(layers, count(layerdb.resolve("sha256")), "no layer half-registered");
    assertEquals(0, count(layerdb.resolve("tmp")), "no staged layer left");
    assertEquals(driverDirs, count(daemon.dataRoot.resolve(driver)), "no unpacked directory leaked");
    assertTrue(count(daemon.dataRoot.resolve("downloads")) > 0, "the partial download is kept to resume");

    int before = ranges().size();
    Result again = daemon.docker("pull", ref).ok();
    assertTrue(again.out().contains("Pull complete"), again.out());
    List<Long> after = ranges().subList(before, ranges().size());
    assertTrue(after.stream().anyMatch(offset -> offset > 0 && offset <= partial + (1 << 20)),
        "the restarted pull asked for the rest only: " + after + " after " + partial);
    assertEquals(id, daemon.imageId(ref));
  }
}
