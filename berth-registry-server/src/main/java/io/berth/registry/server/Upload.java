package io.berth.registry.server;

import io.berth.common.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * One upload session: its data file and a running sha256 of it. Callers hold the session's monitor while they
 * use it (a client may send two requests for one session at once). After a restart the hash is rebuilt from
 * the file, so a session goes on where the data on disk ends.
 */
final class Upload {
  private static final int BUFFER = 256 * 1024;
  /** Written bytes after which the data is flushed to disk in the background (see {@link #flushBehind}). */
  private static final long FLUSH_EVERY = 16L << 20;

  final String id;
  final String repository;
  final Path dir;
  private MessageDigest hash;
  private long size;
  private long unflushed;
  private final java.util.concurrent.atomic.AtomicBoolean flushing = new java.util.concurrent.atomic.AtomicBoolean();

  private Upload(String id, String repository, Path dir, MessageDigest hash, long size) {
    this.id = id;
    this.repository = repository;
    this.dir = dir;
    this.hash = hash;
    this.size = size;
  }

  static Upload fresh(String id, String repository, Path dir) {
    return new Upload(id, repository, dir, Digest.newSha256(), 0);
  }

  /** A session found on disk: hashes what its data file holds. */
  static Upload load(String id, String repository, Path dir) throws IOException {
    MessageDigest hash = Digest.newSha256();
    long size = 0;
    try (InputStream in = Files.newInputStream(dir.resolve("data"))) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) > 0; size += n) {
        hash.update(buffer, 0, n);
      }
    }
    return new Upload(id, repository, dir, hash, size);
  }

  Path data() {
    return dir.resolve("data");
  }

  long size() {
    return size;
  }

  /**
   * Appends the body. When a write fails half way the running hash no longer matches the file, so the
   * session reloads itself from disk: the file is the truth, and the client may ask where it ends.
   */
  void append(InputStream body) throws IOException {
    byte[] buffer = new byte[BUFFER];
    try (FileChannel ch = FileChannel.open(data(), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      for (int n; (n = body.readNBytes(buffer, 0, buffer.length)) > 0; ) { // fewer, larger writes
        ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        hash.update(buffer, 0, n);
        size += n;
        unflushed += n;
        if (unflushed >= FLUSH_EVERY) {
          flushBehind();
        }
      }
    } catch (IOException e) {
      Upload reloaded = load(id, repository, dir);
      hash = reloaded.hash;
      size = reloaded.size;
      throw e;
    }
  }

  /**
   * Starts an fsync of the data on another thread while the upload goes on, so that the fsync before the
   * commit finds little left to write (a blob must be on disk before it is renamed into the store, and
   * one fsync of a whole layer at the end would add its full write-back time to the client's PUT).
   */
  private void flushBehind() {
    unflushed = 0;
    if (!flushing.compareAndSet(false, true)) {
      return; // the last one is still running
    }
    Path file = data();
    Thread.ofVirtual().name("berth-registry-flush").start(() -> {
      try {
        Durable.fsync(file);
      } catch (IOException e) {
        // the session was committed or dropped meanwhile; the commit's own fsync is what counts
      } finally {
        flushing.set(false);
      }
    });
  }

  /** The digest of everything appended so far (the running hash continues unharmed). */
  Digest digest() {
    try {
      return Digest.ofSha256((MessageDigest) hash.clone());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }
}
