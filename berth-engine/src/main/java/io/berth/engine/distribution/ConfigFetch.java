package io.berth.engine.distribution;

import io.berth.common.Digest;
import io.berth.registry.Repository;
import java.io.IOException;

/** An image config fetched as dockerd's pullSchema2Config: 5 attempts from 250 ms apart, doubling; verified. */
final class ConfigFetch {
  private static final int ATTEMPTS = 5;

  private ConfigFetch() {}

  static byte[] fetch(Repository repo, Digest digest) throws IOException {
    long sleep = 250;
    IOException last = null;
    int attempt = 0;
    for (; attempt < ATTEMPTS; attempt++) {
      try {
        byte[] config = repo.blob(digest);
        if (!Digest.sha256(config).equals(digest)) {
          throw new IOException("image config verification failed for digest " + digest);
        }
        return config;
      } catch (IOException e) {
        last = e;
        if (!BlobDownloads.retryable(e) || e.getMessage().startsWith("image config verification")) {
          break;
        }
        if (attempt + 1 < ATTEMPTS) {
          sleep(sleep);
          sleep *= 2;
        }
      }
    }
    if (last instanceof io.berth.registry.RegistryException r) {
      throw r;
    }
    throw new IOException("download failed after attempts=" + (attempt + 1) + ": " + last.getMessage(), last);
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    }
  }
}
