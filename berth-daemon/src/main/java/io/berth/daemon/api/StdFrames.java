package io.berth.daemon.api;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Docker's multiplexed stdio: each frame is {@code [stream, 0, 0, 0, size (big endian)]} then
 * the bytes; stream 0 stdin, 1 stdout, 2 stderr. Used when the container has no TTY.
 */
final class StdFrames {
  static final int STDOUT = 1;
  static final int STDERR = 2;

  private StdFrames() {}

  static void write(OutputStream out, int stream, byte[] data, int off, int len) throws IOException {
    byte[] frame = new byte[8 + len];
    frame[0] = (byte) stream;
    frame[4] = (byte) (len >>> 24);
    frame[5] = (byte) (len >>> 16);
    frame[6] = (byte) (len >>> 8);
    frame[7] = (byte) len;
    System.arraycopy(data, off, frame, 8, len);
    out.write(frame); // one write: one chunk on a chunked stream
    out.flush();
  }
}
