package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** diff, commit and export through the Docker CLI and bin/berth. */
@org.junit.jupiter.api.extension.ExtendWith(BerthdExtension.class)
class SnapshotTest {
  private static Berthd daemon;

  @BeforeAll
  static void start(Berthd d) throws IOException {
    daemon = d;
  }

  @Test
  void diffCommitAndRunTheNewImage() throws IOException {
    diffCommitAndRun(daemon);
  }

  /** The vfs driver keeps full copies: diff compares the container's copy with its image's, as Docker's naive diff. */
  @Test
  void diffCommitAndRunTheNewImageOnVfs() throws IOException {
    try (Berthd vfs = Berthd.startWithBridge("--storage-driver", "vfs")) {
      vfs.dockerIn(Files.readAllBytes(Fixtures.busyboxTar()), "import", "-c", "CMD [\"sh\"]", "-", "busybox").ok();
      diffCommitAndRun(vfs);
      assertEquals("[]", Files.list(vfs.dataRoot.resolve("vfs/dir")).map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("commit-")).toList().toString(), "no staging directory is left");
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
