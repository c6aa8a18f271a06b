package io.berth.engine.layer;

import io.berth.archive.LayerWriter;
import io.berth.archive.WhiteoutMode;
import io.berth.common.BulkOutputStream;
import io.berth.common.Digest;
import io.berth.common.PipeInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The tar of a directory in overlay form (whiteouts as 0:0 devices, opaque directories marked by
 * xattr), as {@link LayerWriter} writes it. LayerWriter is deterministic: entries in bytewise order,
 * mtimes in whole seconds, no atime, empty user and group names, xattrs sorted. So an unchanged
 * directory always gives the same bytes, and a layer berth made itself need not keep its tar: the
 * tar is written again from the layer's own directory whenever it is wanted.
 *
 * <p>Such a layer's diff id must therefore be the digest of the tar T' written from the stored
 * directory S, which LayerApplier made from the tar T of the source. {@link #summarize(Copy, Path)}
 * gets it without reading S's data again: it compares skeletons (a tar but its files' data, see
 * TarWriter) and, when they are equal, takes the digest of T, computed as T streamed. That is exact:
 * equal skeletons give T and T' the same entries (names, types, sizes, in order); T' lists one
 * walk of S, so those names are unique and no entry of T replaces or deletes (whiteout) another
 * entry's path, each regular file of S with data was created by LayerApplier from the one entry of
 * T with its name and holds exactly that entry's bytes, and nothing has written to S since (the
 * layer is not yet published). So every entry's data is equal too and T' = T. When the skeletons
 * differ (the source held something a tar cannot carry back as it was, such as a file named
 * {@code .wh.x}), T' is written and hashed in full.
 */
final class DiffTar {
  private static final int PIPE_BUFFER = 1 << 20;

  /** The digest and length of a directory's tar: a berth-made layer's diff id and tar size. */
  record Summary(Digest digest, long size) {}

  private DiffTar() {}

  /**
   * The tar of {@code dir} as a stream, written by another thread while the caller reads; that
   * thread hashes it and its skeleton on the way. A failure of the writer (a file that shrank
   * while being read) is thrown to the reader at the end of the stream rather than passing for a
   * short tar.
   */
  static Copy copy(Path dir) throws IOException {
    return new Copy(dir);
  }

  /**
   * The summary of the tar of {@code stored}, a directory LayerApplier made from the whole of
   * {@code copy}: the copy's own when the skeletons match (see the class comment), else computed.
   */
  static Summary summarize(Copy copy, Path stored) throws IOException {
    Summary streamed = copy.summary();
    MessageDigest md = Digest.newSha256();
    LayerWriter.writeSkeleton(stored, new Hashing(OutputStream.nullOutputStream(), md, Long.MAX_VALUE),
        WhiteoutMode.OVERLAY);
    return Digest.ofSha256(md).equals(copy.skeleton()) ? streamed : summarize(stored);
  }

  /** Hashes and measures the tar of {@code dir} without keeping it. */
  static Summary summarize(Path dir) throws IOException {
    MessageDigest md = Digest.newSha256();
    Hashing sink = new Hashing(OutputStream.nullOutputStream(), md, Long.MAX_VALUE);
    LayerWriter.write(dir, sink, WhiteoutMode.OVERLAY);
    return new Summary(Digest.ofSha256(md), sink.count);
  }

  /**
   * Writes the tar of {@code dir} to {@code out}, checking as it goes that it is the tar {@code
   * expected} describes; a difference (the directory changed on disk) fails naming {@code layer},
   * at the latest when the last byte has been written.
   */
  static void write(Path dir, Summary expected, OutputStream out, Digest layer) throws IOException {
    MessageDigest md = Digest.newSha256();
    Hashing sink = new Hashing(out, md, expected.size());
    try {
      LayerWriter.write(dir, sink, WhiteoutMode.OVERLAY);
    } catch (TooLong e) {
      throw mismatch(layer, expected, "more than " + expected.size() + " bytes");
    }
    Digest actual = Digest.ofSha256(md);
    if (sink.count != expected.size() || !actual.equals(expected.digest())) {
      throw mismatch(layer, expected, sink.count + " bytes with digest " + actual);
    }
  }

  private static IOException mismatch(Digest layer, Summary expected, String got) {
    return new IOException("layer " + layer + ": the tar written again from its directory does not match its diff ID "
        + expected.digest() + " (" + expected.size() + " bytes): got " + got
        + "; the layer's files were changed on disk");
  }

  /** A directory's tar being written into a pipe, hashed with its skeleton on the writer's side. */
  static final class Copy extends PipeInputStream {
    private final MessageDigest tarDigest = Digest.newSha256();
    private final MessageDigest skeletonDigest = Digest.newSha256();
    private volatile Hashing tar;

    private Copy(Path dir) throws IOException {
      super(PIPE_BUFFER);
      start(Thread.ofPlatform().name("layer-tar"), pipe -> {
        Hashing sink = new Hashing(pipe, tarDigest, Long.MAX_VALUE);
        LayerWriter.write(dir, sink, new Hashing(OutputStream.nullOutputStream(), skeletonDigest, Long.MAX_VALUE),
            WhiteoutMode.OVERLAY);
        tar = sink;
      });
    }

    @Override
    protected IOException failed(IOException writerFailure) {
      // no host path: see ChrootView
      return new IOException("writing the layer's tar: " + writerFailure.getMessage(), writerFailure);
    }

    /** The digest and length of the whole tar; only once it has been read to its end. */
    Summary summary() {
      if (!ended()) {
        throw new IllegalStateException("the layer's tar was not read to its end");
      }
      return new Summary(Digest.ofSha256(cloneOf(tarDigest)), tar.count);
    }

    Digest skeleton() {
      summary(); // the same precondition
      return Digest.ofSha256(cloneOf(skeletonDigest));
    }

    private static MessageDigest cloneOf(MessageDigest md) {
      try {
        return (MessageDigest) md.clone();
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Thrown when more bytes come than the tar may have. */
  private static final class TooLong extends IOException {
    TooLong() {
      super("tar longer than expected");
    }
  }

  /** Passes bytes on while hashing and counting them, refusing any past {@code limit}. */
  private static final class Hashing extends BulkOutputStream {
    private final OutputStream out;
    private final MessageDigest md;
    private final long limit;
    private long count;

    Hashing(OutputStream out, MessageDigest md, long limit) {
      this.out = out;
      this.md = md;
      this.limit = limit;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > limit - count) {
        throw new TooLong();
      }
      md.update(b, off, len);
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }
}
