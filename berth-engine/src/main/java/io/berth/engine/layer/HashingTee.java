package io.berth.engine.layer;

import io.berth.common.ObservedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Copies every byte read to a sink and into a digest, and counts them: one pass stores, hashes, unpacks a layer. */
final class HashingTee extends ObservedInputStream {
  private final long[] count;

  HashingTee(InputStream in, OutputStream sink, MessageDigest digest) {
    this(in, sink, digest, new long[1]);
  }

  private HashingTee(InputStream in, OutputStream sink, MessageDigest digest, long[] count) {
    super(in, (b, off, len) -> {
      sink.write(b, off, len);
      digest.update(b, off, len);
      count[0] += len;
    });
    this.count = count;
  }

  /** The bytes read through it so far. */
  long count() {
    return count[0];
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
