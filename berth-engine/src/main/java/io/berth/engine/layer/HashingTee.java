package io.berth.engine.layer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Copies every byte read to a sink and into a digest: one pass stores, hashes and unpacks a layer. */
final class HashingTee extends FilterInputStream {
  private final OutputStream sink;
  private final MessageDigest digest;

  HashingTee(InputStream in, OutputStream sink, MessageDigest digest) {
    super(in);
    this.sink = sink;
    this.digest = digest;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      sink.write(b);
      digest.update((byte) b);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = in.read(buf, off, len);
    if (n > 0) {
      sink.write(buf, off, n);
      digest.update(buf, off, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[(int) Math.min(n, 65536)];
    int read = read(buf, 0, buf.length);
    return Math.max(read, 0);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Reads what the tar reader left (end-of-archive padding) so the digest covers every byte. */
  void drain() throws IOException {
    byte[] buf = new byte[65536];
    while (read(buf, 0, buf.length) >= 0) {
      // hashed and stored by read
    }
  }

  @Override
  public void close() {
    // the caller owns both streams
  }
}
