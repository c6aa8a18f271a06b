package io.berth.archive;

import com.github.luben.zstd.ZstdOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@org.junit.jupiter.api.Tag("root") // needs root: runs in the verify phase
class CompressionTest {
  interface Compressor {
    OutputStream wrap(OutputStream out) throws IOException;
  }

  private static byte[] compress(byte[] data, Compressor c) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = c.wrap(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  private static byte[] sample() {
    byte[] data = new byte[300_000];
    new Random(11).nextBytes(data);
    return data;
  }

  private static void assertRoundTrip(Compression expected, Compressor c) throws IOException {
    byte[] data = sample();
    byte[] packed = compress(data, c);
    assertEquals(expected, Compression.detect(packed, packed.length));
    try (InputStream in = Compression.decompress(new ByteArrayInputStream(packed))) {
      assertArrayEquals(data, in.readAllBytes());
    }
  }

  @Test
  void detectsAndDecompressesEveryFormat() throws IOException {
    assertRoundTrip(Compression.GZIP, GZIPOutputStream::new);
    assertRoundTrip(Compression.ZSTD, ZstdOutputStream::new);
    assertRoundTrip(Compression.BZIP2, BZip2CompressorOutputStream::new);
    assertRoundTrip(Compression.XZ, out -> new XZOutputStream(out, new LZMA2Options()));
    assertRoundTrip(Compression.NONE, out -> out);
    assertRoundTrip(Compression.GZIP, Compression.GZIP::compress);
    assertRoundTrip(Compression.ZSTD, Compression.ZSTD::compress);
  }

  @Test
  void concatenatedGzipMembersAreOneStream() throws IOException {
    byte[] a = compress("hello ".getBytes(), GZIPOutputStream::new);
    byte[] b = compress("world".getBytes(), GZIPOutputStream::new);
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    try (InputStream in = Compression.decompress(new ByteArrayInputStream(both))) {
      assertEquals("hello world", new String(in.readAllBytes()));
    }
  }

  @Test
  void magicNumbers() {
    assertEquals(Compression.ZSTD, Compression.detect(new byte[]{0x5E, 0x2A, 0x4D, 0x18, 4, 0, 0, 0}, 8)); // skippable frame
    assertEquals(Compression.NONE, Compression.detect(new byte[]{0x1F, (byte) 0x8B}, 2));
    assertEquals(Compression.NONE, Compression.detect(new byte[0], 0));
    assertEquals(Compression.NONE, Compression.detect("ustar".getBytes(), 5));
    assertEquals("tar.zst", Compression.ZSTD.extension());
    assertThrows(IOException.class, () -> Compression.XZ.compress(new ByteArrayOutputStream()));
  }

  @Test
  void compressedLayersApply() throws IOException {
    byte[] tar = new CraftedTar().file("etc/hostname", "berth").bytes();
    for (Compressor c : new Compressor[]{GZIPOutputStream::new, ZstdOutputStream::new}) {
      try (TempDir dir = new TempDir("berth-compressed")) {
        long size = LayerApplier.apply(new ByteArrayInputStream(compress(tar, c)), dir.path, WhiteoutMode.OVERLAY);
        assertEquals(5, size);
        assertEquals("berth", Files.readString(dir.resolve("etc/hostname")));
      }
    }
  }
}
