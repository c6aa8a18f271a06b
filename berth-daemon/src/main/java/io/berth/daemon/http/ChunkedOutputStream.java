package io.berth.daemon.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Chunked transfer encoding for streamed responses. Every write becomes one chunk and is flushed
 * to the client at once: progress and event lines must arrive when they happen.
 */
final class ChunkedOutputStream extends OutputStream {
  private final OutputStream out;
  private boolean finished;

  ChunkedOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (finished) {
      throw new IOException("response stream already finished");
    }
    if (len == 0) {
      return; // a zero-length chunk would end the body
    }
    out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(b, off, len);
    out.write('\r');
    out.write('\n');
    out.flush();
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Writes the last chunk; the connection may carry another exchange afterwards. */
  void finish() throws IOException {
    if (!finished) {
      finished = true;
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
  }

  /** The server finishes the body when the handler returns; a handler's close only flushes. */
  @Override
  public void close() throws IOException {
    flush();
  }
}
