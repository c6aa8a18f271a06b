package io.berth.archive;

import io.berth.sys.Linux;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A tar's skeleton: every byte but the files' data, written alongside the tar or alone without reading data. */
class SkeletonTest extends TempRootTest {
  private static final Instant T = Instant.ofEpochSecond(1_700_000_000L);

  @BeforeEach
  void setUp() throws IOException {
    Path d = Files.createDirectory(root.resolve("d"));
    Files.writeString(d.resolve("small"), "x");
    Files.write(d.resolve("block"), new byte[512]);
    Files.write(d.resolve("odd"), new byte[70_001]);
    Files.createFile(d.resolve("empty"));
    Files.writeString(root.resolve("long-" + "n".repeat(150)), "a name only PAX can hold");
    Linux.lsetxattr(d.resolve("small"), "user.k", "v".getBytes(StandardCharsets.UTF_8));
    Linux.symlink("d/small", root.resolve("link"));
    for (String p : new String[] {"d/small", "d/block", "d/odd", "d/empty", "link", "d"}) {
      Linux.utimensat(root.resolve(p), T, T, true);
    }
  }

  private record Written(byte[] tar, byte[] skeleton) {}

  private Written write() throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    ByteArrayOutputStream skeleton = new ByteArrayOutputStream();
    LayerWriter.write(root, tar, skeleton, WhiteoutMode.OVERLAY);
    return new Written(tar.toByteArray(), skeleton.toByteArray());
  }

  private byte[] skeletonAlone() throws IOException {
    ByteArrayOutputStream skeleton = new ByteArrayOutputStream();
    LayerWriter.writeSkeleton(root, skeleton, WhiteoutMode.OVERLAY);
    return skeleton.toByteArray();
  }

  @Test
  void theSkeletonIsTheTarWithoutTheFilesData() throws IOException {
    Written w = write();
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    LayerWriter.write(root, plain, WhiteoutMode.OVERLAY);
    assertArrayEquals(plain.toByteArray(), w.tar(), "asking for the skeleton leaves the tar as it was");
    assertEquals(w.tar().length - (1 + 512 + 70_001 + 24), w.skeleton().length);

    ByteArrayOutputStream stripped = new ByteArrayOutputStream();
    TarReader reader = new TarReader(new ByteArrayInputStream(w.tar()));
    try (TarWriter copy = new TarWriter(OutputStream.nullOutputStream(), stripped)) {
      for (TarEntry e = reader.next(); e != null; e = reader.next()) {
        copy.writeHeader(e);
        copy.writeContent(reader.content());
      }
    }
    assertArrayEquals(w.skeleton(), stripped.toByteArray(), "the headers alone make the skeleton");
    assertArrayEquals(w.skeleton(), skeletonAlone(), "written alone, without reading data, it is the same");
  }

  @Test
  void aDataChangeKeepsTheSkeletonAMetadataChangeDoesNot() throws IOException {
    Written before = write();
    Files.writeString(root.resolve("d/small"), "y"); // same length
    Linux.utimensat(root.resolve("d/small"), T, T, true);
    Written data = write();
    assertArrayEquals(before.skeleton(), data.skeleton());
    assertFalse(Arrays.equals(before.tar(), data.tar()));

    Linux.utimensat(root.resolve("d/small"), T, T.plusSeconds(1), true);
    assertFalse(Arrays.equals(before.skeleton(), skeletonAlone()));
  }

  @Test
  void onlyASkeletonWriterMaySkipData() throws IOException {
    try (TarWriter tar = new TarWriter(new ByteArrayOutputStream())) {
      tar.writeHeader(TarEntry.of("f", TarEntry.Type.FILE, T).withSize(3));
      assertThrows(IllegalStateException.class, () -> tar.skipData(3));
      tar.write(new byte[3], 0, 3);
    }
    TarWriter skeleton = TarWriter.skeletonOnly(new ByteArrayOutputStream());
    skeleton.writeHeader(TarEntry.of("f", TarEntry.Type.FILE, T).withSize(3));
    assertThrows(IOException.class, () -> skeleton.skipData(4));
    skeleton.skipData(3);
    skeleton.finish();
  }
}
