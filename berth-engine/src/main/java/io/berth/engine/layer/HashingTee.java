package io.berth.engine.layer;

import io.berth.common.ObservedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Copies every byte read to a sink and into a digest: one pass stores, hashes and unpacks a layer. */
final class HashingTee extends ObservedInputStream {
  HashingTee(InputStream in, OutputStream sink, MessageDigest digest) {
    super(in, (b, off, len) -> {
      sink.write(b, off, len);
      digest.update(b, off, len);
    });
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
