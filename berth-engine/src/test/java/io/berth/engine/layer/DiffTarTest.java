package io.berth.engine.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.archive.LayerApplier;
import io.berth.archive.WhiteoutMode;
import io.berth.sys.Linux;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digest of a copied directory's tar: taken from the stream when the skeletons prove it, else computed. */
class DiffTarTest {
  @TempDir
  Path dir;
  private Path src;
  private Path stored;

  @BeforeEach
  void setUp() throws IOException {
    src = Files.createDirectory(dir.resolve("src"));
    stored = Files.createDirectory(dir.resolve("stored"));
    Files.createDirectory(src.resolve("d"));
    Files.write(src.resolve("d/data"), new byte[10_000]);
    Linux.mknod(src.resolve("d/deleted"), Linux.S_IFCHR, 0);
  }

  /** Copies src into stored through its tar, as registerDirectory does; returns the summary it settles on. */
  private DiffTar.Summary copy() throws IOException {
    try (DiffTar.Copy copy = DiffTar.copy(src)) {
      LayerApplier.apply(copy, stored, WhiteoutMode.OVERLAY);
      return DiffTar.summarize(copy, stored);
    }
  }

  @Test
  void aRoundTripKeepsTheStreamedDigest() throws IOException {
    try (DiffTar.Copy copy = DiffTar.copy(src)) {
      LayerApplier.apply(copy, stored, WhiteoutMode.OVERLAY);
      DiffTar.Summary summary = DiffTar.summarize(copy, stored);
      assertEquals(copy.summary(), summary);
      assertEquals(DiffTar.summarize(stored), summary, "the streamed digest is the stored directory's");
    }
  }

  @Test
  void aSourceThatDoesNotRoundTripIsHashedFromTheStoredDirectory() throws IOException {
    Files.writeString(src.resolve("d/.wh.other"), "a file named like a whiteout");
    DiffTar.Summary summary = copy();
    assertEquals(DiffTar.summarize(stored), summary);
    assertNotEquals(DiffTar.summarize(src), summary);
  }

  @Test
  void theStreamHasNoSummaryBeforeItsEnd() throws IOException {
    try (DiffTar.Copy copy = DiffTar.copy(src)) {
      copy.read(new byte[100]);
      assertThrows(IllegalStateException.class, copy::summary);
    }
  }
}
