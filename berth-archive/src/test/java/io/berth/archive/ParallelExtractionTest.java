package io.berth.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/**
 * Small files are written on other threads while the archive is read on: the tree must still be exactly what
 * writing entry after entry gives, whatever the later entries do to paths still being written.
 */
@org.junit.jupiter.api.Tag("root") // owners and modes as root sets them: the verify phase
class ParallelExtractionTest extends TempRootTest {
  @Test
  void laterEntriesSeeEarlierFilesAsWrittenInOrder() throws IOException {
    CraftedTar tar = new CraftedTar();
    for (int d = 0; d < 8; d++) {
      tar.dir("d" + d, 0755);
      for (int f = 0; f < 200; f++) {
        tar.file("d" + d + "/f" + f, 0640, "file " + d + "/" + f);
      }
    }
    tar.file("same", "first").file("same", "second") // one path twice: the last wins
        .file("was-file", "x").dir("was-file", 0700) // a file, then a directory in its place
        .file("linked", "shared").hardlink("link", "linked") // a link to a file just written
        .file("d0", "no longer a directory") // a directory full of files just written, replaced
        .file("big", "y".repeat(ParallelWrites.MAX_FILE + 1)); // too big to hand over: written in order
    LayerApplier.apply(new ByteArrayInputStream(tar.bytes()), root, WhiteoutMode.OVERLAY);

    for (int d = 1; d < 8; d++) {
      for (int f = 0; f < 200; f += 37) {
        Path p = root.resolve("d" + d + "/f" + f);
        assertEquals("file " + d + "/" + f, Files.readString(p));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
      }
      try (var files = Files.list(root.resolve("d" + d))) {
        assertEquals(200, files.count());
      }
    }
    assertEquals("second", Files.readString(root.resolve("same")));
    assertTrue(Files.isDirectory(root.resolve("was-file")));
    assertEquals(Files.getAttribute(root.resolve("linked"), "unix:ino"), Files.getAttribute(root.resolve("link"), "unix:ino"));
    assertEquals("no longer a directory", Files.readString(root.resolve("d0")));
    assertEquals(ParallelWrites.MAX_FILE + 1, Files.size(root.resolve("big")));
  }

  @Test
  void theFirstFailureInArchiveOrderIsReported() throws IOException {
    CraftedTar tar = new CraftedTar();
    for (int f = 0; f < 100; f++) {
      tar.file("f" + f, "x");
    }
    tar.file("f5/under", "a file under a file"); // fails on the main thread after f5 was handed over
    IOException e = assertThrows(IOException.class,
        () -> LayerApplier.apply(new ByteArrayInputStream(tar.bytes()), root, WhiteoutMode.OVERLAY));
    assertEquals("open /f5/under: not a directory", e.getMessage());
    try (var files = Files.list(root)) {
      assertEquals(100, files.count(), "every file handed over was written before the failure returned");
    }
  }
}
