package io.berth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamFrameReaderTest {
  static byte[] frame(int stream, String payload) {
    byte[] data = payload.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[8 + data.length];
    out[0] = (byte) stream;
    out[4] = (byte) (data.length >>> 24);
    out[5] = (byte) (data.length >>> 16);
    out[6] = (byte) (data.length >>> 8);
    out[7] = (byte) data.length;
    System.arraycopy(data, 0, out, 8, data.length);
    return out;
  }

  static ByteArrayInputStream concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      all.writeBytes(p);
    }
    return new ByteArrayInputStream(all.toByteArray());
  }

  @Test
  void demuxSplitsStdoutAndStderr() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    new StreamFrameReader(concat(frame(1, "hello "), frame(2, "oops\n"), frame(1, "world\n"), frame(1, "")))
        .demux(out, err);
    assertEquals("hello world\n", out.toString(StandardCharsets.UTF_8));
    assertEquals("oops\n", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void largeFrameSizeUsesAllFourBytes() throws IOException {
    String big = "x".repeat(70_000);
    StreamFrameReader.Frame f = new StreamFrameReader(concat(frame(2, big))).next();
    assertEquals(2, f.stream());
    assertEquals(70_000, f.payload().length);
  }

  @Test
  void cleanEofReturnsNullAndTruncationFails() throws IOException {
    assertNull(new StreamFrameReader(concat()).next());
    byte[] full = frame(1, "abcdef");
    byte[] cut = java.util.Arrays.copyOf(full, full.length - 2);
    assertThrows(EOFException.class, () -> new StreamFrameReader(concat(cut)).next());
    assertThrows(EOFException.class, () -> new StreamFrameReader(concat(new byte[] {1, 0, 0})).next());
  }

  @Test
  void systemErrorFrameEndsDemuxWithItsText() {
    IOException e = assertThrows(IOException.class, () -> new StreamFrameReader(concat(frame(3, "boom")))
        .demux(new ByteArrayOutputStream(), new ByteArrayOutputStream()));
    assertTrue(e.getMessage().contains("boom"));
  }

  @Test
  void unknownStreamIsRejected() {
    assertThrows(IOException.class, () -> new StreamFrameReader(concat(frame(7, "x"))).next());
  }
}
