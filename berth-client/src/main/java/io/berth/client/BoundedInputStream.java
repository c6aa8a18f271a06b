package io.berth.client;

import io.berth.common.BulkInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A body of known Content-Length: ends after exactly that many bytes. */
final class BoundedInputStream extends BulkInputStream {
  private final InputStream in;
  private long remaining;

  BoundedInputStream(InputStream in, long length) {
    this.in = in;
    this.remaining = length;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n == -1) {
      throw new IOException("unexpected EOF: " + remaining + " bytes of body missing");
    }
    remaining -= n;
    return n;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(in.available(), remaining);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
