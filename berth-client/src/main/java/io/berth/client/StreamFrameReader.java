package io.berth.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads Docker's multiplexed attach/logs stream: frames of an 8-byte header
 * {@code [stream, 0, 0, 0, size (4 bytes, big-endian)]} followed by {@code size} bytes.
 */
public final class StreamFrameReader {
  public static final int STDIN = 0;
  public static final int STDOUT = 1;
  public static final int STDERR = 2;
  /** The daemon reports an error of its own on this stream (Docker's "systemErr"). */
  public static final int SYSTEM_ERR = 3;

  /** One frame: which stream it belongs to and its payload. */
  public record Frame(int stream, byte[] payload) {}

  private final InputStream in;

  public StreamFrameReader(InputStream in) {
    this.in = in;
  }

  /** The next frame, or null at a clean end of stream (EOF on a frame boundary). */
  public Frame next() throws IOException {
    byte[] header = new byte[8];
    int n = in.readNBytes(header, 0, 8);
    if (n == 0) {
      return null;
    }
    if (n < 8) {
      throw new EOFException("unexpected EOF in stream frame header");
    }
    int stream = header[0] & 0xff;
    if (stream > SYSTEM_ERR) {
      throw new IOException("unrecognized stream: " + stream);
    }
    int size = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
        | (header[7] & 0xff);
    if (size < 0) {
      throw new IOException("stream frame too large");
    }
    byte[] payload = in.readNBytes(size);
    if (payload.length < size) {
      throw new EOFException("unexpected EOF in stream frame payload");
    }
    return new Frame(stream, payload);
  }

  /**
   * Copies stdout frames to {@code out} and stderr frames to {@code err} until EOF; a system
   * error frame ends the copy with an IOException carrying its text (as Docker's stdcopy does).
   */
  public void demux(OutputStream out, OutputStream err) throws IOException {
    Frame frame;
    while ((frame = next()) != null) {
      switch (frame.stream()) {
        case STDIN, STDOUT -> {
          out.write(frame.payload());
          out.flush();
        }
        case STDERR -> {
          err.write(frame.payload());
          err.flush();
        }
        default -> throw new IOException("error from daemon in stream: "
            + new String(frame.payload(), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
  }
}
