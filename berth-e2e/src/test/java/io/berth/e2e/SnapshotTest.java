package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** diff, commit and export through the Docker CLI and bin/berth. */
@org.junit.jupiter.api.extension.ExtendWith(BerthdExtension.class)
class SnapshotTest {
  private static Berthd daemon; // set by BerthdExtension

  @Test
  void diffCommitAndRunTheNewImage() throws IOException {
    diffCommitAndRun(daemon);
  }

  /** The vfs driver keeps full copies: diff compares the container's copy with its image's, as Docker's naive diff. */
  @Test
  void diffCommitAndRunTheNewImageOnVfs() throws IOException {
    try (Berthd vfs = Berthd.startWithBridge("--storage-driver", "vfs")) {
      vfs.importBusybox();
      diffCommitAndRun(vfs);
      anUpwardSymlink(vfs);
      assertEquals("[]", Files.list(vfs.dataRoot.resolve("vfs/dir")).map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("commit-")).toList().toString(), "no staging directory is left");
    }
  }

  /** issue 9: a symlink whose target climbs above the root is data in a layer, as Docker commits and exports it. */
  @Test
  void anUpwardSymlinkIsCommittedExportedAndLoaded() throws IOException {
    anUpwardSymlink(daemon);
  }

  private static void anUpwardSymlink(Berthd daemon) throws IOException {
    daemon.docker("run", "--name", "uplink", "busybox", "sh", "-c", "ln -s ../../../../../../etc /tmp/up").ok();
    daemon.docker("commit", "uplink", "uplink:1").ok();
    String passwd = daemon.docker("run", "--rm", "busybox", "head", "-1", "/etc/passwd").ok().line();
    assertEquals("../../../../../../etc " + passwd, daemon.docker("run", "--rm", "uplink:1", "sh", "-c",
        "echo $(readlink /tmp/up) $(head -1 /tmp/up/passwd)").ok().line(), "the new image runs, its link as it was");
    Path exported = daemon.dir.resolve("uplink.tar");
    Berthd.exec(List.of("sh", "-c", "docker export uplink > \"$0\"", exported.toString()),
        Map.of("DOCKER_HOST", daemon.host()), null).ok();
    daemon.docker("import", "-c", "CMD [\"sh\"]", exported.toString(), "uplink:exported").ok();
    assertEquals("../../../../../../etc", daemon.docker("run", "--rm", "uplink:exported", "readlink", "/tmp/up").ok()
        .line(), "export piped into import");
    // what diff finds below is looked up inside each layer: the link must not make it stat the host's /etc
    daemon.docker("run", "--name", "updiff", "uplink:1", "sh", "-c",
        "rm /tmp/up && mkdir /tmp/up && touch /tmp/up/debian_version").ok();
    assertTrue(Files.exists(Path.of("/etc/debian_version")));
    assertTrue(daemon.docker("diff", "updiff").ok().out().lines().anyMatch("A /tmp/up/debian_version"::equals));
    daemon.docker("rm", "uplink", "updiff").ok();
    daemon.docker("rmi", "uplink:1", "uplink:exported").ok();
  }

  /**
   * A layer with {@code tmp/up -> ../../../../../../etc} and then an entry {@code tmp/up/passwd} (imported, then
   * saved and loaded): the entry lands in the image's /etc/passwd, as Docker's chrooted extraction puts it.
   */
  @Test
  void anEntryWrittenThroughAnUpwardSymlinkStaysInTheImage() throws IOException {
    String hostPasswd = Files.readString(Path.of("/etc/passwd"));
    Path stage = Files.createDirectories(daemon.dir.resolve("uplayer"));
    Path layer = daemon.dir.resolve("uplayer.tar");
    Berthd.exec(List.of("sh", "-c", "cd \"$0\" && mkdir -p a/etc a/tmp b/tmp/up && echo image > a/etc/passwd"
        + " && ln -s ../../../../../../etc a/tmp/up && echo through-the-link > b/tmp/up/passwd"
        + " && tar -cf \"$1\" -C a etc tmp && tar -rf \"$1\" -C b tmp/up/passwd", stage.toString(), layer.toString()),
        Map.of(), null).ok();
    daemon.docker("import", "-c", "CMD [\"/none\"]", layer.toString(), "uplayer:1").ok();
    assertEquals("through-the-link\n", readFromImage(daemon, "uplayer:1", "/etc/passwd"));
    Path saved = daemon.dir.resolve("uplayer-saved.tar");
    daemon.docker("save", "-o", saved.toString(), "uplayer:1").ok();
    daemon.docker("rmi", "uplayer:1").ok();
    daemon.docker("load", "-i", saved.toString()).ok();
    assertEquals("through-the-link\n", readFromImage(daemon, "uplayer:1", "/etc/passwd"), "after save and load");
    assertEquals(hostPasswd, Files.readString(Path.of("/etc/passwd")));
    daemon.docker("rmi", "uplayer:1").ok();
  }

  /** A layer that cannot be applied fails in Docker's words, naming the path in the image, not on the host. */
  @Test
  void layerErrorsNameNoHostPath() throws IOException {
    Path stage = Files.createDirectories(daemon.dir.resolve("notdir"));
    Path layer = daemon.dir.resolve("notdir.tar");
    Berthd.exec(List.of("sh", "-c", "cd \"$0\" && mkdir -p b/a && echo a > a && echo b > b/a/b"
        + " && tar -cf \"$1\" a && tar -rf \"$1\" -C b a/b", stage.toString(), layer.toString()), Map.of(), null).ok();
    Result failed = daemon.docker("import", layer.toString(), "notdir:1");
    assertEquals(1, failed.exit());
    assertTrue(failed.err().contains("open /a/b: not a directory"), failed.err());
    assertFalse(failed.err().contains(daemon.dataRoot.toString()), failed.err());
  }

  private static String readFromImage(Berthd daemon, String image, String path) {
    String id = daemon.docker("create", image).ok().line();
    try {
      return Berthd.exec(List.of("sh", "-c", "docker cp \"$0\" - | tar -xOf -", id + ":" + path),
          Map.of("DOCKER_HOST", daemon.host()), null).ok().out();
    } finally {
      daemon.docker("rm", id).ok();
    }
  }

  private static void diffCommitAndRun(Berthd daemon) throws IOException {
    daemon.docker("run", "--name", "changer", "busybox", "sh", "-c",
        "echo new > /tmp/new; rm /bin/ls; mkdir -p /srv/d; echo x > /etc/motd; rm -rf /home; mkdir /home; "
            + "touch /home/only; chmod 700 /root; echo x >> /etc/passwd").ok();
    String diff = daemon.docker("diff", "changer").ok().out();
    // what the reference dockerd lists for the same script (sorted): /root, copied up by a chmod that
    // changed nothing, is no change
    assertEquals(List.of("C /bin", "D /bin/ls", "C /etc", "A /etc/motd", "C /etc/passwd", "C /home", "A /home/only",
        "A /srv", "A /srv/d", "C /tmp", "A /tmp/new"), diff.lines().toList());
    assertEquals(diff, daemon.berth("diff", "changer").ok().out());

    String id = daemon.docker("commit", "-c", "CMD [\"cat\", \"/tmp/new\"]", "-m", "by test", "changer",
        "committed:1").ok().line();
    assertTrue(id.startsWith("sha256:"), id);
    assertEquals("new", daemon.docker("run", "--rm", "committed:1").ok().line());
    assertEquals(127, daemon.docker("run", "--rm", "committed:1", "ls").exit(), "the deletion survives the commit");
    assertEquals("only", daemon.docker("run", "--rm", "committed:1", "sh", "-c", "echo $(cd /home; echo *)").ok()
        .line(), "the replaced directory is opaque: only what the container put there");
    assertTrue(daemon.docker("history", "committed:1").ok().out().contains("by test"));
    Path archive = daemon.dir.resolve("committed.tar");
    daemon.docker("save", "-o", archive.toString(), "committed:1").ok();
    String layers = daemon.docker("inspect", "-f", "{{json .RootFS.Layers}}", "committed:1").ok().line();
    assertEquals(Json.array(layers.getBytes(StandardCharsets.UTF_8)),
        SaveLoadTest.blobDigests(archive, daemon.dir.resolve("saved")), "the committed layer saves as its diff ID");
    daemon.docker("rm", "changer").ok();
    daemon.docker("rmi", "committed:1").ok();
  }

  @Test
  void exportPipedIntoImport() throws IOException {
    daemon.docker("run", "--name", "exporter", "busybox", "sh", "-c",
        "echo content > /root/file; chown 12:34 /root/file; chmod 4755 /root/file; ln -s file /root/link").ok();
    Path tar = daemon.dir.resolve("export.tar");
    Berthd.exec(List.of("sh", "-c", "\"$0\" -H \"$1\" export exporter > \"$2\"",
        Berthd.REPO.resolve("bin/berth").toString(), daemon.host(), tar.toString()), Map.of(), null).ok();
    daemon.dockerIn(Files.readAllBytes(tar), "import", "-", "exported:1").ok();
    assertEquals("content -rwsr-xr-x 12 34 file",
        daemon.docker("run", "--rm", "exported:1", "sh", "-c",
            "echo $(cat /root/file) $(stat -c '%A %u %g' /root/file) $(readlink /root/link)").ok().line());
    daemon.docker("rm", "exporter").ok();
    daemon.docker("rmi", "exported:1").ok();
  }
}
