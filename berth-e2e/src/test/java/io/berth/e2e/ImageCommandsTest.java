package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The image commands through the Docker CLI and bin/berth against one berthd. */
class ImageCommandsTest {
  @Started
  private static Berthd daemon;
  private static byte[] busybox;

  @BeforeAll
  static void start() throws IOException {
    busybox = Files.readAllBytes(Fixtures.busyboxTar());
  }

  /** Relative times tick between two runs (and column widths with them); the rest must be identical. */
  private static String stable(String s) {
    return s.replaceAll("(Less than a second|About a minute|\\d+ seconds?) ago", "<ago>").replaceAll(" {2,}", "  ");
  }

  private static java.util.List<String> sortedLines(String s) {
    return s.lines().sorted().toList();
  }

  @Test
  void versionAndInfo() {
    Result docker = daemon.docker("version").ok();
    assertTrue(docker.out().contains("Server:"), docker.out());
    assertTrue(docker.out().contains("1.50"), docker.out());
    Result berth = daemon.berth("version").ok();
    assertTrue(berth.out().contains("Server:"), berth.out());
    assertEquals("overlay2", daemon.docker("info", "--format", "{{.Driver}}").ok().line());
    assertEquals(daemon.dataRoot.toString(), daemon.berth("info", "--format", "{{.DockerRootDir}}").ok().line());
    Result info = daemon.docker("info").ok();
    assertTrue(info.out().contains("Storage Driver: overlay2"), info.out());
  }

  @Test
  void importTagHistoryInspectRemove() {
    String id = daemon.dockerIn(busybox, "import", "-c", "CMD [\"sh\"]", "-c", "ENV A=1", "-m", "made by test",
        "-", "e2e/busybox:1").ok().line();
    assertTrue(id.matches("sha256:[0-9a-f]{64}"), id);
    assertEquals(id, daemon.imageId("e2e/busybox:1"));
    assertEquals(id, daemon.berth("inspect", "-f", "{{.Id}}", "e2e/busybox:1").ok().line());
    assertEquals("[sh]", daemon.docker("inspect", "-f", "{{.Config.Cmd}}", "e2e/busybox:1").ok().line());

    daemon.docker("tag", "e2e/busybox:1", "e2e/other").ok();
    daemon.berth("tag", id.substring(7, 19), "e2e/third:x").ok();

    // the Docker CLI orders the rows of one image's tags arbitrarily: compare them as a set
    String dockerImages = stable(daemon.docker("images", "e2e/*").ok().out());
    assertEquals(sortedLines(dockerImages), sortedLines(stable(daemon.berth("images", "e2e/*").ok().out())));
    assertTrue(dockerImages.startsWith("REPOSITORY"), dockerImages);
    assertEquals(3, dockerImages.lines().filter(l -> l.contains(id.substring(7, 19))).count(), dockerImages);

    assertEquals(stable(daemon.docker("history", "e2e/busybox:1").ok().out()),
        stable(daemon.berth("history", "e2e/busybox:1").ok().out()));
    assertTrue(daemon.docker("history", "e2e/busybox:1").ok().out().contains("made by test"));

    assertEquals("Untagged: e2e/other:latest", daemon.docker("rmi", "e2e/other").ok().line());
    assertEquals("Untagged: e2e/third:x", daemon.berth("rmi", "e2e/third:x").ok().line());
    Result last = daemon.docker("rmi", "e2e/busybox:1").ok();
    List<String> lines = last.out().lines().toList();
    assertEquals("Untagged: e2e/busybox:1", lines.get(0));
    assertEquals("Deleted: " + id, lines.get(1));
    assertTrue(lines.get(2).startsWith("Deleted: sha256:"), last.out());

    Result missing = daemon.docker("rmi", "e2e/busybox:1");
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("No such image: e2e/busybox:1"), missing.err());
    Result berthMissing = daemon.berth("rmi", "e2e/busybox:1");
    assertEquals(missing.exit(), berthMissing.exit());
    assertEquals(missing.err(), berthMissing.err());
  }

  @Test
  void badInputIsRejectedWithDockersWords() {
    Result bad = daemon.docker("tag", "nonexistent-image", "x");
    assertNotEquals(0, bad.exit());
    assertTrue(bad.err().contains("No such image: nonexistent-image:latest"), bad.err());
    Result badRef = daemon.docker("image", "inspect", "UPPER");
    assertNotEquals(0, badRef.exit());
    Result badFilter = daemon.docker("images", "--filter", "bogus=1");
    assertNotEquals(0, badFilter.exit());
    assertTrue(badFilter.err().contains("invalid filter 'bogus'"), badFilter.err());
  }

  @Test
  void pruneAndDiskUsage() {
    String id = daemon.dockerIn(busybox, "import", "-").ok().line();
    assertTrue(daemon.docker("images", "-q", "--filter", "dangling=true").ok().out().contains(id.substring(7, 19)));
    assertEquals(stable(daemon.docker("system", "df").ok().out()), stable(daemon.berth("system", "df").ok().out()));
    String box = daemon.docker("create", id, "true").ok().line();
    String containers = daemon.docker("system", "df", "--format", "{{.Type}} {{.TotalCount}}").ok().out();
    assertTrue(containers.contains("Containers " + daemon.docker("ps", "-aq").ok().out().lines().count() + "\n"),
        containers);
    assertTrue(daemon.docker("system", "df", "-v", "--format", "{{json .Containers}}").ok().out().contains(box),
        "the container is listed");
    String images = Berthd.exec(List.of("curl", "-s", "--unix-socket", daemon.socket.toString(),
        "http://x/v1.50/system/df?type=image"), Map.of(), null).ok().out();
    assertTrue(images.contains("\"Containers\":null") && images.contains("\"Images\":[{"), images);
    String bad = Berthd.exec(List.of("curl", "-s", "--unix-socket", daemon.socket.toString(),
        "http://x/v1.50/system/df?type=bogus"), Map.of(), null).ok().out();
    assertEquals("{\"message\":\"unknown object type: bogus\"}", bad.strip());
    daemon.docker("rm", box).ok();
    Result prune = daemon.docker("image", "prune", "-f").ok();
    assertTrue(prune.out().contains("deleted: " + id), prune.out());
    assertTrue(prune.out().contains("Total reclaimed space:"), prune.out());
    assertEquals("", daemon.docker("images", "-q", "--filter", "dangling=true").ok().line());
  }

  /** API 1.24's filter= on the image list, a glob on repository names, is read as the reference filter. */
  @Test
  void legacyFilterParameter() {
    daemon.dockerIn(busybox, "import", "-", "legacy/filtered:1").ok();
    daemon.dockerIn(busybox, "import", "-", "other/unfiltered:1").ok();
    String legacy = Berthd.exec(List.of("curl", "-s", "--unix-socket", daemon.socket.toString(),
        "http://x/v1.24/images/json?filter=legacy/*"), Map.of(), null).ok().out();
    assertTrue(legacy.contains("\"legacy/filtered:1\"") && !legacy.contains("other/unfiltered"), legacy);
    daemon.docker("rmi", "legacy/filtered:1", "other/unfiltered:1").ok();
  }

  /** docker-py (Debian's python3-docker) against berthd: list, tag, save, load, remove. */
  @Test
  void dockerPyDrivesImages() {
    daemon.dockerIn(busybox, "import", "-", "py/busybox:1").ok();
    String script = """
        import docker, sys
        c = docker.DockerClient(base_url=sys.argv[1])
        img = c.images.get("py/busybox:1")
        img.tag("py/copy", "2")
        data = b"".join(img.save(named=True))
        c.images.remove("py/copy:2")
        c.images.remove("py/busybox:1")
        loaded = c.images.load(data)
        print(loaded[0].id == img.id, sorted(loaded[0].tags), c.info()["Driver"])
        c.images.remove(img.id)
        """;
    Result py = Berthd.exec(java.util.List.of("/usr/bin/python3", "-c", script, daemon.host()), java.util.Map.of(), null)
        .ok();
    assertEquals("True ['py/busybox:1'] overlay2", py.line());
  }
}
