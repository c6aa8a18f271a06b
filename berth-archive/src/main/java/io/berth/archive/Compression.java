package io.berth.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Compression of tar streams, sniffed from magic bytes as Docker's DetectCompression does. */
public enum Compression {
  NONE("tar"), GZIP("tar.gz"), BZIP2("tar.bz2"), XZ("tar.xz"), ZSTD("tar.zst");

  private static final int BUFFER = 256 * 1024;
  private final String extension;

  Compression(String extension) {
    this.extension = extension;
  }

  /** The file extension Docker uses ("tar", "tar.gz", ...). */
  public String extension() {
    return extension;
  }

  /** Sniffs the first bytes of a stream (10 are enough); fewer or unknown bytes mean NONE. */
  public static Compression detect(byte[] head, int length) {
    if (startsWith(head, length, 0x42, 0x5A, 0x68)) {
      return BZIP2;
    }
    if (startsWith(head, length, 0x1F, 0x8B, 0x08)) {
      return GZIP;
    }
    if (startsWith(head, length, 0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00)) {
      return XZ;
    }
    if (startsWith(head, length, 0x28, 0xB5, 0x2F, 0xFD)) {
      return ZSTD;
    }
    if (length >= 8) { // a zstd skippable frame: magic 0x184D2A50..0x184D2A5F, little endian
      int magic = (head[0] & 0xff) | (head[1] & 0xff) << 8 | (head[2] & 0xff) << 16 | (head[3] & 0xff) << 24;
      if ((magic & 0xFFFFFFF0) == 0x184D2A50) {
        return ZSTD;
      }
    }
    return NONE;
  }

  /** Reads the stream's first bytes (without consuming them) to tell its compression. */
  public static Compression detect(BufferedInputStream in) throws IOException {
    byte[] head = new byte[10];
    in.mark(head.length);
    int n = in.readNBytes(head, 0, head.length);
    in.reset();
    return detect(head, n);
  }

  /** An uncompressed view of {@code in}, whatever of the supported compressions it uses (or none). */
  public static InputStream decompress(InputStream in) throws IOException {
    BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, BUFFER);
    return switch (detect(buffered)) {
      case NONE -> buffered;
      case GZIP -> new GZIPInputStream(buffered, 64 * 1024);
      case BZIP2 -> new BufferedInputStream(Codecs.bzip2(buffered), BUFFER);
      case XZ -> new BufferedInputStream(Codecs.xz(buffered), BUFFER);
      case ZSTD -> new BufferedInputStream(Codecs.zstd(buffered), BUFFER);
    };
  }

  /** A compressing stream onto {@code out}; closing it finishes the compressed stream and closes {@code out}. */
  public OutputStream compress(OutputStream out) throws IOException {
    return switch (this) {
      case NONE -> out;
      case GZIP -> new GZIPOutputStream(out, 64 * 1024);
      case ZSTD -> Codecs.zstd(out);
      case BZIP2, XZ -> throw new IOException("Unsupported compression format " + extension);
    };
  }

  private static boolean startsWith(byte[] head, int length, int... magic) {
    if (length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((head[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The codecs from other libraries, apart: verifying Compression then loads none of them, so that a program
   * without them (the CLI, whose archives are never compressed) can still read plain and gzip streams.
   */
  private static final class Codecs {
    static InputStream bzip2(InputStream in) throws IOException {
      return new org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream(in, true);
    }

    static InputStream xz(InputStream in) throws IOException {
      return new org.tukaani.xz.XZInputStream(in);
    }

    static InputStream zstd(InputStream in) throws IOException {
      return new com.github.luben.zstd.ZstdInputStream(in);
    }

    static OutputStream zstd(OutputStream out) throws IOException {
      return new com.github.luben.zstd.ZstdOutputStream(out);
    }
  }
}
