package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.Digest;
import io.berth.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** save and load across daemons (imported and committed images), and a crash in the middle of a load. */
class SaveLoadTest {

  @Test
  void imageIdSurvivesSaveAndLoadBetweenDaemons() throws IOException {
    byte[] busybox = Files.readAllBytes(Fixtures.busyboxTar());
    try (Berthd a = Berthd.start(); Berthd b = Berthd.start()) {
      String id = a.dockerIn(busybox, "import", "-c", "CMD [\"sh\"]", "-", "busybox:latest").ok().line();
      a.docker("tag", "busybox:latest", "busybox:second").ok();
      Path archive = a.dir.resolve("busybox.tar");
      a.docker("save", "-o", archive.toString(), "busybox").ok();
      Result load = b.berth("load", "-i", archive.toString()).ok();
      assertTrue(load.out().contains("Loaded image: busybox:latest"), load.out());
      assertTrue(load.out().contains("Loaded image: busybox:second"), load.out());
      assertEquals(id, b.docker("inspect", "-f", "{{.Id}}", "busybox:second").ok().line());

      // and back through stdout/stdin with the other CLI
      Path copy = b.dir.resolve("copy.tar");
      Berthd.exec(java.util.List.of("sh", "-c", "\"$0\" -H \"$1\" save busybox:latest > \"$2\"",
          Berthd.REPO.resolve("bin/berth").toString(), b.host(), copy.toString()), java.util.Map.of(), null).ok();
      a.docker("rmi", "busybox:latest", "busybox:second").ok();
      Result reload = a.dockerIn(Files.readAllBytes(copy), "load").ok();
      assertTrue(reload.out().contains("Loaded image: busybox:latest"), reload.out());
      assertEquals(id, a.docker("inspect", "-f", "{{.Id}}", "busybox:latest").ok().line());
    }
  }

  /**
   * A committed layer keeps no tar: save writes it again from the layer's directory. Its bytes must
   * still hash to the diff ID after a crash and restart, and load into another daemon as the same image.
   */
  @Test
  void committedImageSurvivesARestartSaveAndLoad() throws Exception {
    byte[] busybox = Files.readAllBytes(Fixtures.busyboxTar());
    try (Berthd a = Berthd.startWithBridge(); Berthd b = Berthd.startWithBridge()) {
      a.dockerIn(busybox, "import", "-c", "CMD [\"sh\"]", "-", "busybox").ok();
      a.docker("run", "--name", "changer", "--network", "none", "busybox", "sh", "-c", CHANGES).ok();
      String id = a.docker("commit", "changer", "committed:1").ok().line();
      String layers = a.docker("inspect", "-f", "{{json .RootFS.Layers}}", "committed:1").ok().line();
      String files = a.docker("run", "--rm", "--network", "none", "committed:1", "sh", "-c", LISTING).ok().out();
      assertEquals(List.of("layer.tar", "tar-from-diff"), tarsKept(a),
          "the imported layer keeps its tar, the committed one only a marker");

      a.kill9();
      a.restart();
      assertEquals(layers, a.docker("inspect", "-f", "{{json .RootFS.Layers}}", "committed:1").ok().line());
      Path archive = a.dir.resolve("committed.tar");
      a.docker("save", "-o", archive.toString(), "committed:1").ok();
      assertEquals(Json.array(layers.getBytes(StandardCharsets.UTF_8)), blobDigests(archive, a.dir.resolve("x")),
          "every saved layer hashes to its diff ID");

      Result load = b.docker("load", "-i", archive.toString()).ok();
      assertTrue(load.out().contains("Loaded image: committed:1"), load.out());
      assertEquals(id, b.docker("inspect", "-f", "{{.Id}}", "committed:1").ok().line());
      assertEquals(layers, b.docker("inspect", "-f", "{{json .RootFS.Layers}}", "committed:1").ok().line());
      assertEquals(files, b.docker("run", "--rm", "--network", "none", "committed:1", "sh", "-c", LISTING).ok().out());
      assertTrue(files.contains("rwsr-xr-x 12 34 70000 /srv/tool"), files);
    }
  }

  /** A container's changes of every kind: added, changed and deleted files, an opaque directory, links, owners. */
  private static final String CHANGES = "echo new > /tmp/new; rm /bin/ls; echo x > /etc/motd; rm -rf /home; mkdir /home; "
      + "touch /home/only; mkdir -p /srv/d; head -c 70000 /dev/urandom > /srv/tool; chown 12:34 /srv/tool; "
      + "chmod 4755 /srv/tool; ln /srv/tool /srv/d/hard; ln -s ../tool /srv/d/soft; mkfifo /srv/fifo";

  /** What a container of the committed image sees of those changes. */
  private static final String LISTING = "ls /bin/ls 2>&1; cat /tmp/new /etc/motd; echo $(cd /home; echo *); "
      + "find /srv /tmp /home | sort | while read -r f; do stat -c '%A %u %g %s %n' \"$f\"; done; "
      + "md5sum /srv/tool /srv/d/hard; readlink /srv/d/soft; stat -c %h /srv/tool";

  /** Which form of tar each layer of the daemon keeps, sorted. */
  private static List<String> tarsKept(Berthd d) throws IOException {
    try (var files = Files.walk(d.dataRoot.resolve("image/overlay2/layerdb/sha256"), 2)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.equals("layer.tar") || n.equals("tar-from-diff")).sorted().toList();
    }
  }

  /** The sha256 of each layer blob of the archive's (single) image, in manifest order. */
  static List<Object> blobDigests(Path archive, Path scratch) throws IOException {
    Files.createDirectories(scratch);
    Berthd.exec(List.of("tar", "-xf", archive.toString(), "-C", scratch.toString()), Map.of(), null).ok();
    Map<?, ?> image = (Map<?, ?>) Json.array(Files.readAllBytes(scratch.resolve("manifest.json"))).getFirst();
    List<Object> digests = new ArrayList<>();
    for (Object layer : (List<?>) image.get("Layers")) {
      digests.add(Digest.sha256(Files.readAllBytes(scratch.resolve((String) layer))).toString());
    }
    return digests;
  }

  @Test
  void killDuringLoadLeavesAConsistentStore() throws Exception {
    byte[] busybox = Files.readAllBytes(Fixtures.busyboxTar());
    try (Berthd a = Berthd.start()) {
      a.dockerIn(busybox, "import", "-", "big:1").ok();
      Path archive = a.dir.resolve("big.tar");
      a.docker("save", "-o", archive.toString(), "big:1").ok();
      a.docker("rmi", "big:1").ok();
      for (int attempt = 0; attempt < 3; attempt++) {
        ProcessBuilder pb = new ProcessBuilder("docker", "load", "-i", archive.toString());
        pb.environment().put("DOCKER_HOST", a.host());
        Process load = pb.start();
        Thread.sleep(20L + attempt * 60L);
        a.kill9();
        load.waitFor();
        a.restart();
        String images = a.docker("images", "-a", "-q").ok().out().strip();
        int layers = countLayerDirs(a);
        if (images.isEmpty()) {
          assertEquals(0, layers, "no layer may outlive a load that did not finish");
        } else {
          assertEquals(1, layers);
          a.docker("rmi", "-f", images.lines().findFirst().orElseThrow()).ok();
        }
        Result loadAgain = a.docker("load", "-i", archive.toString()).ok();
        assertTrue(loadAgain.out().contains("Loaded image: big:1"), loadAgain.out());
        a.docker("rmi", "big:1").ok();
        assertEquals(0, countLayerDirs(a));
      }
    }
  }

  /**
   * --platform on the image commands, through the Docker CLI 28 and bin/berth: berthd keeps one image per
   * reference (dockerd's graph store), so an image for another platform is not there, save refuses it, load
   * skips it, and a refused rmi or push changes nothing; create warns of an image for another platform than the
   * host's when none was asked for.
   */
  @Test
  void platformNarrowsTheImageCommandsAsDockerdsGraphStore() throws IOException {
    byte[] busybox = Files.readAllBytes(Fixtures.busyboxTar());
    try (Berthd a = Berthd.start(); Berthd b = Berthd.start()) {
      a.dockerIn(busybox, "import", "--platform", "linux/arm64", "-", "multi:arm").ok();
      a.berthIn(busybox, "import", "--platform", "linux/amd64", "-", "multi:amd").ok();
      assertEquals("linux/arm64", a.docker("inspect", "-f", "{{.Os}}/{{.Architecture}}", "multi:arm").ok().line());
      String other = "image with reference multi:arm was found but its platform (linux/arm64) does not match the"
          + " specified platform (linux/amd64)";
      for (Result r : List.of(a.docker("history", "--platform", "linux/amd64", "multi:arm"),
          a.berth("history", "--platform", "linux/amd64", "multi:arm"),
          a.docker("image", "inspect", "--platform", "linux/amd64", "multi:arm"),
          a.berth("image", "inspect", "--platform", "linux/amd64", "multi:arm"),
          a.docker("rmi", "--platform", "linux/amd64", "multi:arm"),
          a.berth("rmi", "--platform", "linux/amd64", "multi:arm"),
          a.docker("push", "--platform", "linux/amd64", "multi:arm"))) {
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("Error response from daemon: " + other), r.toString());
      }
      for (Result r : List.of(a.docker("create", "--pull", "never", "--platform", "linux/amd64", "multi:arm"),
          a.berth("create", "--pull", "never", "--platform", "linux/amd64", "multi:arm"))) {
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains(other), r.toString());
      }
      Result asked = a.docker("create", "--platform", "linux/arm64", "multi:arm", "sh").ok();
      assertTrue(asked.err().isEmpty(), asked.toString());
      Result noPlatform = a.docker("create", "multi:arm", "sh").ok();
      a.docker("rm", asked.line(), noPlatform.line()).ok();
      assertTrue(noPlatform.err().startsWith("WARNING: The requested image's platform (linux/arm64) does not match the"
          + " detected host platform (linux/amd64") && noPlatform.err().contains("and no specific platform was requested"),
          noPlatform.toString());
      assertEquals("arm64", a.berth("image", "inspect", "--platform", "linux/arm64/v8", "-f", "{{.Architecture}}",
          "multi:arm").ok().line());
      assertEquals(1, a.docker("history", "-q", "--platform", "linux/arm64", "multi:arm").ok().out().lines().count());
      Result bad = a.berth("history", "--platform", "linux/x!", "multi:arm");
      assertEquals("invalid platform: \"x!\" is an invalid component of \"linux/x!\": platform specifier component"
          + " must match \"^[A-Za-z0-9_.-]+$\": invalid argument", bad.err().strip(), bad.toString());
      Result two = a.berth("rmi", "--platform", "linux/amd64,linux/arm64", "multi:arm");
      assertTrue(two.err().contains("multiple platforms are not supported"), two.toString());

      Path archive = a.dir.resolve("multi.tar");
      Result mixed = a.docker("save", "--platform", "linux/arm64", "-o", archive.toString(), "multi");
      assertTrue(mixed.err().contains("no suitable export target found for platform linux/arm64"), mixed.toString());
      a.docker("save", "-o", archive.toString(), "multi").ok();
      Result load = b.docker("load", "--platform", "linux/arm64", "-i", archive.toString()).ok();
      assertEquals("Loaded image: multi:arm", load.line(), "only the arm64 image is loaded");
      b.berth("load", "--platform", "linux/amd64", "-i", archive.toString()).ok();
      assertEquals("multi:amd\nmulti:arm", b.docker("images", "--format", "{{.Repository}}:{{.Tag}}", "multi").ok()
          .out().lines().sorted().reduce((x, y) -> x + "\n" + y).orElse(""));

      a.docker("rmi", "--platform", "linux/arm64", "multi:arm").ok();
      assertEquals("multi:amd", a.docker("images", "--format", "{{.Repository}}:{{.Tag}}", "multi").ok().line());
    }
  }

  private static int countLayerDirs(Berthd d) throws IOException {
    Path overlay = d.dataRoot.resolve("overlay2");
    try (var list = Files.list(overlay)) {
      return (int) list.filter(p -> !p.getFileName().toString().equals("l")).count();
    }
  }
}
