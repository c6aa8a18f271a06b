package io.berth.archive;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@org.junit.jupiter.api.Tag("root") // needs root: runs in the verify phase
class CorruptArchiveTest {
  @org.junit.jupiter.api.io.TempDir
  Path tmp;

  private byte[] layer() throws IOException {
    return new CraftedTar().dir("d", 0755).file("d/a", "x".repeat(5000)).file("d/b", "y").bytes();
  }

  @Test
  void truncatedLayerFailsWithUnexpectedEof() throws IOException {
    byte[] tar = layer();
    for (int cut : new int[]{200, 512 + 512 + 100, 512 + 512 + 4096, tar.length - 1024 - 512 - 10}) {
      byte[] truncated = Arrays.copyOf(tar, cut);
      EOFException e = assertThrows(EOFException.class,
          () -> LayerApplier.apply(new ByteArrayInputStream(truncated), tmp, WhiteoutMode.APPLY));
      assertEquals("unexpected EOF", e.getMessage());
    }
  }

  @Test
  void garbageFailsWithInvalidHeader() {
    byte[] garbage = new byte[10_000];
    new Random(3).nextBytes(garbage);
    garbage[0] = 'x'; // not a compression magic
    IOException e = assertThrows(IOException.class,
        () -> LayerApplier.apply(new ByteArrayInputStream(garbage), tmp, WhiteoutMode.APPLY));
    assertEquals("archive/tar: invalid tar header", e.getMessage());
    byte[] text = "this is not a tar archive at all\n".repeat(40).getBytes(StandardCharsets.US_ASCII);
    assertThrows(IOException.class, () -> LayerApplier.apply(new ByteArrayInputStream(text), tmp, WhiteoutMode.APPLY));
  }

  @Test
  void truncatedGzipFails() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(layer());
    }
    byte[] truncated = Arrays.copyOf(gz.toByteArray(), gz.size() / 2);
    assertThrows(IOException.class, () -> LayerApplier.apply(new ByteArrayInputStream(truncated), tmp, WhiteoutMode.APPLY));
    byte[] noTrailer = Arrays.copyOf(gz.toByteArray(), gz.size() - 4); // CRC ok, size missing
    assertThrows(IOException.class, () -> LayerApplier.apply(new ByteArrayInputStream(noTrailer), tmp, WhiteoutMode.APPLY));
  }

  @Test
  void emptyStreamIsAnEmptyLayer() throws IOException {
    assertEquals(0, LayerApplier.apply(new ByteArrayInputStream(new byte[0]), tmp, WhiteoutMode.APPLY));
  }

  @Test
  void unknownEntryTypesAreRefused() throws IOException {
    byte[] tar = layer();
    tar[156] = 'Z';
    int sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : tar[i] & 0xff;
    }
    byte[] chk = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(chk, 0, tar, 148, 8);
    IOException e = assertThrows(IOException.class,
        () -> LayerApplier.apply(new ByteArrayInputStream(tar), tmp, WhiteoutMode.APPLY));
    assertEquals("unhandled tar header type 90", e.getMessage());
  }
}
