package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.sys.Linux;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker diff on a full-copy (vfs) layer, and the overlay-form staging of its changes for commit. */
@org.junit.jupiter.api.Tag("root") // needs root: runs in the verify phase
class VfsChangesTest {
  @TempDir
  Path tmp;

  private Path parentAndChangedCopy() throws Exception {
    Path parent = Files.createDirectories(tmp.resolve("parent"));
    Files.createDirectories(parent.resolve("a"));
    Files.writeString(parent.resolve("a/file1"), "x");
    Files.writeString(parent.resolve("a/keep"), "k");
    Files.createDirectories(parent.resolve("b"));
    Files.writeString(parent.resolve("c"), "c");
    Files.createDirectories(parent.resolve("d/e"));
    Files.writeString(parent.resolve("d/e/f"), "f");
    Path layer = tmp.resolve("layer");
    // as the vfs driver makes a layer: a copy that keeps times to the nanosecond
    assertEquals(0, new ProcessBuilder("cp", "-a", parent.toString(), layer.toString()).start().waitFor());
    Files.writeString(layer.resolve("a/file1"), "changed");
    Files.writeString(layer.resolve("a/new"), "new");
    Files.delete(layer.resolve("c"));
    assertEquals(0, new ProcessBuilder("rm", "-rf", layer.resolve("d").toString()).start().waitFor());
    Files.setPosixFilePermissions(layer.resolve("b"), PosixFilePermissions.fromString("rwx------"));
    Files.createDirectories(layer.resolve("g/h"));
    Files.writeString(layer.resolve("g/h/i"), "i");
    return layer;
  }

  @Test
  void changesAsDockersNaiveDiff() throws Exception {
    Path layer = parentAndChangedCopy();
    List<String> changes = VfsChanges.between(tmp.resolve("parent"), layer).stream()
        .map(c -> "CAD".charAt(c.kind()) + " " + c.path()).toList();
    assertEquals(List.of("C /a", "C /a/file1", "A /a/new", "C /b", "D /c", "D /d", "A /g", "A /g/h", "A /g/h/i"),
        changes, "a directory with changes inside is modified; a deleted tree is one deletion");
  }

  @Test
  void sameSizeAndSecondButOtherNanosecondsIsAChangeAndOwnerToo() throws Exception {
    Path parent = Files.createDirectories(tmp.resolve("p"));
    Files.writeString(parent.resolve("f"), "1");
    Files.writeString(parent.resolve("o"), "1");
    Path layer = tmp.resolve("l");
    assertEquals(0, new ProcessBuilder("cp", "-a", parent.toString(), layer.toString()).start().waitFor());
    var t = Files.getLastModifiedTime(parent.resolve("f")).toInstant();
    Linux.utimensat(layer.resolve("f"), t, t.plusNanos(t.getNano() == 999_999_999 ? -1 : 1), true);
    Linux.lchown(layer.resolve("o"), 1000, 1000);
    assertEquals(List.of(new Snapshots.Change("/f", 0), new Snapshots.Change("/o", 0)),
        VfsChanges.between(parent, layer));
  }

  @Test
  void stagedInOverlayFormWithoutCopyingData() throws Exception {
    Path layer = parentAndChangedCopy();
    Path staging = Files.createDirectories(tmp.resolve("staging"));
    VfsChanges.stage(layer, VfsChanges.between(tmp.resolve("parent"), layer), staging);

    assertEquals(Files.getAttribute(layer.resolve("a/file1"), "unix:ino"),
        Files.getAttribute(staging.resolve("a/file1"), "unix:ino"), "hard-linked");
    assertEquals("changed", Files.readString(staging.resolve("a/file1")));
    assertFalse(Files.exists(staging.resolve("a/keep")), "unchanged files stay below");
    for (String gone : List.of("c", "d")) {
      Map<String, Object> st = Files.readAttributes(staging.resolve(gone), "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
      assertEquals(Linux.S_IFCHR, (int) st.get("mode") & Linux.S_IFMT, gone + " is a whiteout");
      assertEquals(0L, st.get("rdev"));
    }
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(staging.resolve("b"))));
    assertEquals(Files.getLastModifiedTime(layer.resolve("a")), Files.getLastModifiedTime(staging.resolve("a")),
        "directories keep their mtime, set after their children");
    assertTrue(Files.list(staging.resolve("b")).findAny().isEmpty(), "a modified directory alone is not opaque");
    assertEquals("i", Files.readString(staging.resolve("g/h/i")));
  }
}
