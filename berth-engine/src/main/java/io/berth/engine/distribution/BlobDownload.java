package io.berth.engine.distribution;

import io.berth.common.BulkInputStream;
import io.berth.common.Digest;
import io.berth.registry.Descriptor;
import io.berth.registry.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One blob being fetched into a file under the downloads directory, verified against its digest
 * as the bytes arrive. Bytes already in the file (an earlier, interrupted attempt, even of an
 * earlier berthd) are kept and the rest asked for with a range request. Readers ({@link #follow})
 * see the bytes as they land, so a layer is unpacked while it downloads; they get the end of the
 * stream only once the whole blob is verified, an error if it fails, and {@link Restarted} when
 * a bad download was thrown away and begun again.
 */
final class BlobDownload {
  /** The blob's file was thrown away (digest mismatch, or a registry that ignored the range): read again. */
  static final class Restarted extends IOException {
    Restarted() {
      super("download restarted");
    }
  }

  final Descriptor blob;
  final Path file;
  private final List<Consumer<Progress>> watchers = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private MessageDigest hash;
  private long written;
  private int generation;
  private boolean verified;
  private IOException failure;

  BlobDownload(Descriptor blob, Path file) {
    this.blob = blob;
    this.file = file;
  }

  String id() {
    return blob.shortId();
  }

  void watch(Consumer<Progress> watcher) {
    watchers.add(watcher);
  }

  void unwatch(Consumer<Progress> watcher) {
    watchers.remove(watcher);
  }

  void report(Progress p) {
    for (Consumer<Progress> w : watchers) {
      try {
        w.accept(p);
      } catch (RuntimeException e) {
        // a client that went away does not stop the download others may share
      }
    }
  }

  /** Takes up what an earlier attempt left in the file: its bytes are hashed, not fetched again. */
  void resumeFromDisk() throws IOException {
    MessageDigest md = Digest.newSha256();
    long size = 0;
    if (Files.exists(file)) {
      size = Files.size(file);
      if (size > blob.size()) {
        Files.delete(file);
        size = 0;
      } else {
        try (InputStream in = Files.newInputStream(file)) {
          byte[] buf = new byte[1 << 16];
          for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
          }
        }
      }
    }
    synchronized (lock) {
      hash = md;
      written = size;
    }
  }

  /**
   * One attempt: fetches from where the file ends, appending and hashing. A short body leaves the
   * file for the next attempt's range request; a digest mismatch deletes it.
   */
  void fetch(Repository repo) throws IOException {
    long offset;
    synchronized (lock) {
      offset = written;
    }
    if (offset < blob.size() || blob.size() == 0 && offset == 0) {
      try (Repository.BlobStream s = repo.openBlob(blob.digest(), offset)) {
        if (s.offset() != offset) {
          restart(); // the registry sent the whole blob: start over
        }
        copy(s, offset);
      }
    }
    verify();
  }

  private void copy(Repository.BlobStream s, long offset) throws IOException {
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      out.position(s.offset());
      byte[] buf = new byte[1 << 17];
      long lastReport = 0;
      while (true) {
        // whole buffers: the HTTP client hands out 16 KiB at a time, and each chunk costs a
        // write, a lock and a wake-up of the unpacking reader; what came before a cut is kept
        int n = 0;
        IOException cut = null;
        try {
          for (int r; n < buf.length && (r = s.in().read(buf, n, buf.length - n)) >= 0; ) {
            n += r;
          }
        } catch (IOException e) {
          cut = e;
        }
        if (n > 0) {
          for (ByteBuffer b = ByteBuffer.wrap(buf, 0, n); b.hasRemaining(); ) {
            out.write(b);
          }
          long now;
          synchronized (lock) {
            hash.update(buf, 0, n);
            written += n;
            now = written;
            lock.notifyAll();
          }
          long t = System.nanoTime();
          if (now <= blob.size() && (t - lastReport > 100_000_000L || now == blob.size())) {
            lastReport = t;
            report(new Progress.Bytes(id(), "Downloading", now, blob.size()));
          }
          if (now > blob.size()) {
            return; // more than the blob: verify() throws the bytes away
          }
        }
        if (cut != null) {
          throw cut;
        }
        if (n < buf.length) {
          return; // the end of the body
        }
      }
    }
  }

  private void verify() throws IOException {
    synchronized (lock) {
      if (written < blob.size()) {
        throw new IOException("unexpected EOF");
      }
    }
    report(new Progress.Update(id(), "Verifying Checksum"));
    synchronized (lock) {
      Digest got = Digest.ofSha256(hash); // finishes the hash: it is reset below or never used again
      if (written != blob.size() || !got.equals(blob.digest())) {
        restartLocked();
        throw new VerificationFailed(blob.digest());
      }
      verified = true;
      lock.notifyAll();
    }
    report(new Progress.Update(id(), "Download complete"));
  }

  private void restart() throws IOException {
    synchronized (lock) {
      restartLocked();
    }
  }

  private void restartLocked() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the next attempt truncates it
    }
    hash = Digest.newSha256();
    written = 0;
    generation++;
    lock.notifyAll();
  }

  /** The download failed for good: readers get {@code e}. */
  void fail(IOException e) {
    synchronized (lock) {
      failure = e;
      lock.notifyAll();
    }
  }

  boolean verified() {
    synchronized (lock) {
      return verified;
    }
  }

  /** A digest mismatch: dockerd's words. */
  static final class VerificationFailed extends IOException {
    VerificationFailed(Digest digest) {
      super("filesystem layer verification failed for digest " + digest);
    }
  }

  /** The blob's bytes as they arrive; the end only after verification. */
  InputStream follow() throws IOException {
    int gen;
    synchronized (lock) {
      gen = generation;
    }
    return new Follower(gen);
  }

  private final class Follower extends BulkInputStream {
    private final int generation;
    private FileChannel channel;
    private long position;

    Follower(int generation) {
      this.generation = generation;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      long available;
      synchronized (lock) {
        while (true) {
          if (BlobDownload.this.generation != generation) {
            throw new Restarted();
          }
          if (written > position) {
            available = written - position;
            break;
          }
          if (verified) {
            return -1;
          }
          if (failure != null) {
            throw failure;
          }
          try {
            lock.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
          }
        }
      }
      if (channel == null) {
        channel = FileChannel.open(file, StandardOpenOption.READ);
      }
      int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, available)), position);
      if (n < 0) {
        throw new Restarted(); // the file was replaced under us
      }
      position += n;
      return n;
    }

    @Override
    public void close() throws IOException {
      if (channel != null) {
        channel.close();
      }
    }
  }
}
