package io.berth.archive;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The fixture is the layer Docker 20.10 (overlay2) wrote for `docker commit` of a container that made
 * a setuid file owned 12:34, a hard link, a symlink with a trailing slash, a fifo, char and block devices,
 * a sticky directory, a UTF-8 name, a 251-byte path, a deleted file and an opaque directory.
 * Applying it and writing it back must give Docker's bytes, except where modern moby (v23+) itself
 * changed: no file type bits in the mode field and empty uname/gname (20.10 looked names up on the host).
 */
@org.junit.jupiter.api.Tag("root") // needs root: runs in the verify phase
class DockerCompatTest {
  @Test
  void writeAfterApplyReproducesDockersLayerBytes() throws IOException {
    byte[] docker;
    try (InputStream in = getClass().getResourceAsStream("/docker-20.10-commit-layer.tar")) {
      assertNotNull(in);
      docker = in.readAllBytes();
    }
    byte[] ours;
    try (TempDir dir = new TempDir("berth-dockercompat")) {
      LayerApplier.apply(new ByteArrayInputStream(docker), dir.path, WhiteoutMode.OVERLAY);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      LayerWriter.write(dir.path, out, WhiteoutMode.OVERLAY);
      ours = out.toByteArray();
    }
    assertEquals(docker.length, ours.length);
    int headers = 0;
    for (int off = 0; off < docker.length; off += 512) {
      byte[] a = Arrays.copyOfRange(docker, off, off + 512);
      byte[] b = Arrays.copyOfRange(ours, off, off + 512);
      if (new String(a, 257, 6, StandardCharsets.US_ASCII).equals("ustar\0")) {
        headers++;
        long dockerMode = Long.parseLong(new String(a, 100, 7, StandardCharsets.US_ASCII), 8);
        long ourMode = Long.parseLong(new String(b, 100, 7, StandardCharsets.US_ASCII), 8);
        assertEquals(dockerMode & 07777, ourMode, "mode at block " + off / 512);
        for (byte[] block : new byte[][]{a, b}) {
          Arrays.fill(block, 100, 108, (byte) 0); // mode: 20.10 adds S_IF* type bits
          Arrays.fill(block, 148, 156, (byte) 0); // checksum follows from the above
          Arrays.fill(block, 265, 329, (byte) 0); // uname, gname
        }
      }
      assertEquals(new String(a, StandardCharsets.ISO_8859_1), new String(b, StandardCharsets.ISO_8859_1),
          "block " + off / 512);
    }
    assertEquals(true, headers > 15);
  }
}
