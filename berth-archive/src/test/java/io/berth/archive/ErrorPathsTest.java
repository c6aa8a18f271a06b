package io.berth.archive;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * An extraction's errors name paths as Docker's untar, chrooted into the root, names them: never the host
 * directory under the data root that holds the layer or the container. The messages are the reference
 * dockerd's (20.10) for the same archives, after its "Error processing tar file(exit status 1): ".
 */
@org.junit.jupiter.api.Tag("root") // needs root: runs in the verify phase
class ErrorPathsTest extends TempRootTest {
  private String layerError(byte[] tar) {
    IOException e = assertThrows(IOException.class,
        () -> LayerApplier.apply(new ByteArrayInputStream(tar), root, WhiteoutMode.OVERLAY));
    assertFalse(e.getMessage().contains(tmp.toString()), e.getMessage());
    return e.getMessage();
  }

  @Test
  void aFileUnderAFile() throws IOException {
    assertEquals("open /a/b: not a directory", layerError(new CraftedTar().file("a", "a").file("a/b", "b").bytes()));
    assertEquals("mkdir /a/d: not a directory", layerError(new CraftedTar().file("a", "a").dir("a/d", 0755).bytes()));
    assertEquals("open /a/b/c: not a directory", layerError(new CraftedTar().file("a", "a").file("a/b/c", "c").bytes()));
  }

  @Test
  void aHardLinkToNothing() throws IOException {
    assertEquals("link /etc/passwd /hl: no such file or directory",
        layerError(new CraftedTar().hardlink("hl", "../etc/passwd").bytes()));
    assertEquals("symlink x /a/s: not a directory",
        layerError(new CraftedTar().file("a", "a").symlink("a/s", "x").bytes()));
  }

  @Test
  void copyErrorsNameContainerPaths() throws IOException {
    Files.createDirectories(root.resolve("tmp/d"));
    IOException e = assertThrows(IOException.class, () -> LayerApplier.extract(
        new ByteArrayInputStream(new CraftedTar().file("d", "x").bytes()), root, "/tmp",
        CopyOptions.daemon(true, CopyOptions.Ownership.ARCHIVE)));
    assertEquals("cannot overwrite directory \"/tmp/d\" with non-directory \"/tmp\"", e.getMessage());
    e = assertThrows(IOException.class, () -> LayerApplier.extract(
        new ByteArrayInputStream(new CraftedTar().file("f", "x").file("f/g", "y").bytes()), root, "/tmp",
        CopyOptions.daemon(false, CopyOptions.Ownership.ARCHIVE)));
    assertEquals("open /tmp/f/g: not a directory", e.getMessage());
  }

  @Test
  void theViewLeavesOtherPathsAlone() {
    ChrootView view = new ChrootView(root);
    assertEquals("/", view.path(root.toString()));
    assertEquals("/x/y", view.path(root + "/x//y"));
    assertEquals(root + "x", view.path(root + "x"), "a sibling with the root's name as prefix is outside");
    assertEquals("/elsewhere", view.path("/elsewhere"));
    assertEquals("/x", new ChrootView(Path.of("/")).path("/x"));
  }
}
