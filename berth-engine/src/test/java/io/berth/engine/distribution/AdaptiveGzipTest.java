package io.berth.engine.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class AdaptiveGzipTest {
  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = new BufferedOutputStream(new AdaptiveGzip(sink), 1 << 16)) {
      for (int i = 0; i < data.length; i += 10_000) {
        out.write(data, i, Math.min(10_000, data.length - i));
      }
    }
    byte[] gz = sink.toByteArray();
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      assertArrayEquals(data, in.readAllBytes(), "a valid gzip of the input");
    }
    return gz;
  }

  @Test
  void storesWhatDoesNotCompressAndCompressesTheRest() throws IOException {
    byte[] random = new byte[10 << 20];
    new Random(3).nextBytes(random);
    byte[] text = "the quick brown fox jumps over the lazy dog\n".repeat(200_000).getBytes();
    long stored = gzip(random).length;
    assertTrue(stored > random.length && stored < random.length * 1.001, "stored: " + stored);
    assertTrue(gzip(text).length < text.length / 20, "compressed at speed 1");
    byte[] mixed = new byte[random.length + text.length];
    System.arraycopy(text, 0, mixed, 0, text.length);
    System.arraycopy(random, 0, mixed, text.length, random.length);
    long both = gzip(mixed).length;
    assertTrue(both < random.length + text.length / 10, "each stretch as it is: " + both);
  }
}
