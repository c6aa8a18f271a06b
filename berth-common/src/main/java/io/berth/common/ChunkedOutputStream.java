package io.berth.common;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 chunked transfer encoding of a body of unknown length, for the client's requests and the
 * daemon's streamed responses: every write is one chunk; {@link #finish} writes the last one and leaves the
 * connection open for the next exchange.
 */
public final class ChunkedOutputStream extends BulkOutputStream {
  private final OutputStream out;
  private final boolean flushEachChunk;
  private boolean finished;

  /** @param flushEachChunk send each chunk at once (progress and event lines must arrive when they happen) */
  public ChunkedOutputStream(OutputStream out, boolean flushEachChunk) {
    this.out = out;
    this.flushEachChunk = flushEachChunk;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (finished) {
      throw new IOException("chunked body already finished");
    }
    if (len == 0) {
      return; // a zero-length chunk would end the body
    }
    out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(b, off, len);
    out.write('\r');
    out.write('\n');
    if (flushEachChunk) {
      out.flush();
    }
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Writes the last chunk once. */
  public void finish() throws IOException {
    if (!finished) {
      finished = true;
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
  }

  /** The owner of the connection finishes the body; a writer's close only flushes. */
  @Override
  public void close() throws IOException {
    flush();
  }
}
