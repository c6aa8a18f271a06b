package io.berth.archive;

import io.berth.common.GoPath;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes tar headers byte for byte as Go's archive/tar does for the headers Docker builds
 * (Format = PAX): a plain USTAR header whenever the entry fits one (names up to 256 bytes via the
 * prefix field), otherwise a PAX extended header ("dir/PaxHeaders.0/base") with sorted records
 * (path, linkpath, uid, gid, size, mtime with nanoseconds, atime, SCHILY.xattr.* as raw bytes).
 * uname/gname are left empty. The same tree therefore gives the same bytes, and the same digest, as Docker.
 * <p>
 * A writer may also copy the archive's <em>skeleton</em> to a second stream: every byte but the entries'
 * data (header blocks, PAX records, padding, the end marker). The skeleton depends only on the entries'
 * headers, so two archives with equal skeletons differ at most in their files' data.
 */
public final class TarWriter implements AutoCloseable {
  private static final int BLOCK = TarReader.BLOCK;
  private static final int NAME_SIZE = 100;
  private static final int PREFIX_SIZE = 155;
  private static final int MAX_PAX_SIZE = 1 << 20;
  private static final Comparator<String> BYTEWISE = (a, b) -> Arrays.compareUnsigned(
      a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private final OutputStream out;
  /** Where everything but entry data goes: {@code out}, and the skeleton stream when there is one. */
  private final OutputStream meta;
  private final OutputStream skeleton;
  private final boolean skeletonOnly;
  private final byte[] block = new byte[BLOCK];
  private long remaining;
  private long padding;
  private boolean finished;

  public TarWriter(OutputStream out) {
    this(out, null, false);
  }

  /** Writes the archive to {@code out} and its skeleton (all but the entries' data) to {@code skeleton}. */
  public TarWriter(OutputStream out, OutputStream skeleton) {
    this(out, skeleton, false);
  }

  private TarWriter(OutputStream out, OutputStream skeleton, boolean skeletonOnly) {
    this.out = new BufferedOutputStream(out, 64 * 1024);
    this.skeleton = skeleton;
    this.skeletonOnly = skeletonOnly;
    this.meta = skeleton == null ? this.out : new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        TarWriter.this.out.write(b);
        skeleton.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        TarWriter.this.out.write(b, off, len);
        skeleton.write(b, off, len);
      }
    };
  }

  /**
   * A writer of the skeleton alone: entries' data is not written but declared with {@link #skipData}, so a
   * tree's skeleton can be had without reading its files.
   */
  public static TarWriter skeletonOnly(OutputStream skeleton) {
    return new TarWriter(OutputStream.nullOutputStream(), skeleton, true);
  }

  /** Starts an entry; a regular file must then get exactly {@code size} bytes of data. */
  public void writeHeader(TarEntry e) throws IOException {
    endEntry();
    long size = e.type().hasData() ? e.size() : 0;
    Map<String, byte[]> pax = new TreeMap<>(BYTEWISE);
    boolean ustar = true;
    boolean preferPax = false;

    if (!isAscii(e.name()) || utf8Length(e.name()) > NAME_SIZE) {
      pax.put("path", utf8(e.name()));
      if (splitUstarPath(e.name()) == null) {
        ustar = false;
      }
    }
    if (!isAscii(e.linkName()) || utf8Length(e.linkName()) > NAME_SIZE) {
      pax.put("linkpath", utf8(e.linkName()));
      ustar = false;
    }
    long uid = Integer.toUnsignedLong(e.uid());
    long gid = Integer.toUnsignedLong(e.gid());
    if (!fitsOctal(8, uid)) {
      pax.put("uid", ascii(Long.toString(uid)));
      ustar = false;
    }
    if (!fitsOctal(8, gid)) {
      pax.put("gid", ascii(Long.toString(gid)));
      ustar = false;
    }
    if (!fitsOctal(12, size)) {
      pax.put("size", ascii(Long.toString(size)));
      ustar = false;
    }
    if (!fitsOctal(8, Integer.toUnsignedLong(e.devMajor())) || !fitsOctal(8, Integer.toUnsignedLong(e.devMinor()))) {
      throw new IOException("archive/tar: device number too large: " + e.name());
    }
    long mtimeSeconds = e.mtime().getEpochSecond();
    boolean mtimeFits = fitsOctal(12, mtimeSeconds);
    if (!mtimeFits || e.mtime().getNano() != 0) {
      pax.put("mtime", ascii(paxTime(e.mtime())));
      preferPax = true;
      ustar &= mtimeFits;
    }
    if (e.atime() != null) {
      pax.put("atime", ascii(paxTime(e.atime())));
      preferPax = true;
      ustar = false;
    }
    for (Map.Entry<String, byte[]> x : e.xattrs().entrySet()) {
      if (x.getKey().isEmpty() || x.getKey().indexOf(0) >= 0 || x.getKey().indexOf('=') >= 0) {
        throw new IOException("archive/tar: invalid xattr name " + x.getKey());
      }
      pax.put("SCHILY.xattr." + x.getKey(), x.getValue());
      ustar = false;
    }

    if (ustar && !preferPax) {
      writeUstar(e, size);
    } else {
      writePax(e, size, pax);
    }
    remaining = size;
    padding = TarReader.pad(size);
  }

  /** Data of the current entry. */
  public void write(byte[] b, int off, int len) throws IOException {
    if (len > remaining) {
      throw new IOException("archive/tar: write too long");
    }
    out.write(b, off, len);
    remaining -= len;
  }

  /** Counts {@code len} bytes of the current entry's data as written: only for {@link #skeletonOnly} writers. */
  public void skipData(long len) throws IOException {
    if (!skeletonOnly) {
      throw new IllegalStateException("only a skeleton-only writer may skip data");
    }
    if (len > remaining) {
      throw new IOException("archive/tar: write too long");
    }
    remaining -= len;
  }

  /** Copies exactly the current entry's remaining size from {@code in}; a short source is an error. */
  public void writeContent(InputStream in) throws IOException {
    byte[] buf = new byte[(int) Math.min(Math.max(remaining, 1), 1 << 20)];
    while (remaining > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
      if (n < 0) {
        throw new IOException("archive/tar: missed writing " + remaining + " bytes");
      }
      write(buf, 0, n);
    }
  }

  /** Writes the end-of-archive marker (two zero blocks) and flushes; the underlying stream stays open. */
  public void finish() throws IOException {
    if (finished) {
      return;
    }
    endEntry();
    meta.write(new byte[2 * BLOCK]);
    out.flush();
    if (skeleton != null) {
      skeleton.flush();
    }
    finished = true;
  }

  /** Finishes the archive and closes the underlying stream. */
  @Override
  public void close() throws IOException {
    try {
      finish();
    } finally {
      out.close();
    }
  }

  private void endEntry() throws IOException {
    if (finished) {
      throw new IOException("archive/tar: write after close");
    }
    if (remaining > 0) {
      throw new IOException("archive/tar: missed writing " + remaining + " bytes");
    }
    if (padding > 0) {
      meta.write(new byte[(int) padding]);
      padding = 0;
    }
  }

  private void writeUstar(TarEntry e, long size) throws IOException {
    String name = e.name();
    String prefix = "";
    String[] split = splitUstarPath(name);
    if (split != null) {
      prefix = split[0];
      name = split[1];
    }
    template(e, name, e.linkName(), size, false);
    string(345, PREFIX_SIZE, prefix);
    finishBlock();
  }

  private void writePax(TarEntry e, long size, Map<String, byte[]> records) throws IOException {
    if (!records.isEmpty()) {
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      for (Map.Entry<String, byte[]> r : records.entrySet()) {
        data.writeBytes(paxRecord(r.getKey(), r.getValue()));
      }
      if (data.size() > MAX_PAX_SIZE) {
        throw new IOException("archive/tar: header field too long");
      }
      int slash = e.name().lastIndexOf('/');
      String paxName = GoPath.join(e.name().substring(0, slash + 1), "PaxHeaders.0", e.name().substring(slash + 1));
      paxName = toAscii(paxName);
      if (paxName.length() > NAME_SIZE) {
        paxName = paxName.substring(0, NAME_SIZE);
      }
      paxName = paxName.replaceAll("/+$", "");
      Arrays.fill(block, (byte) 0);
      block[156] = 'x';
      string(0, NAME_SIZE, paxName);
      octal(100, 8, 0);
      octal(108, 8, 0);
      octal(116, 8, 0);
      octal(124, 12, data.size());
      octal(136, 12, 0);
      finishBlock();
      data.writeTo(meta);
      meta.write(new byte[(int) TarReader.pad(data.size())]);
    }
    template(e, toAscii(e.name()), toAscii(e.linkName()), size, true);
    finishBlock();
  }

  /** Go's templateV7Plus: numbers that do not fit are written as 0 (their PAX record carries them). */
  private void template(TarEntry e, String name, String linkName, long size, boolean lenient) throws IOException {
    Arrays.fill(block, (byte) 0);
    block[156] = e.type().flag;
    truncatingString(0, NAME_SIZE, name, lenient);
    truncatingString(157, NAME_SIZE, linkName, lenient);
    octalOrZero(100, 8, e.mode() & 07777);
    octalOrZero(108, 8, Integer.toUnsignedLong(e.uid()));
    octalOrZero(116, 8, Integer.toUnsignedLong(e.gid()));
    octalOrZero(124, 12, size);
    octalOrZero(136, 12, e.mtime().getEpochSecond());
    octal(329, 8, Integer.toUnsignedLong(e.devMajor()));
    octal(337, 8, Integer.toUnsignedLong(e.devMinor()));
  }

  private void finishBlock() throws IOException {
    block[257] = 'u';
    block[258] = 's';
    block[259] = 't';
    block[260] = 'a';
    block[261] = 'r';
    block[262] = 0;
    block[263] = '0';
    block[264] = '0';
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : block[i] & 0xff;
    }
    octal(148, 7, sum);
    block[155] = ' ';
    meta.write(block);
  }

  private void truncatingString(int off, int len, String s, boolean lenient) throws IOException {
    byte[] b = utf8(s);
    if (b.length > len && !lenient) {
      throw new IOException("archive/tar: header field too long");
    }
    System.arraycopy(b, 0, block, off, Math.min(len, b.length));
    if (b.length > len && block[off + len - 1] == '/') {
      int n = len - 1;
      while (n > 0 && b[n - 1] == '/') {
        n--;
      }
      block[off + n] = 0; // buggy readers take a trailing slash in the v7 field for a directory
    }
  }

  private void string(int off, int len, String s) {
    byte[] b = utf8(s);
    System.arraycopy(b, 0, block, off, Math.min(len, b.length));
  }

  private void octalOrZero(int off, int len, long value) {
    octal(off, len, fitsOctal(len, value) ? value : 0);
  }

  /** Zero-padded octal leaving room for a trailing NUL, as Go's formatOctal. */
  private void octal(int off, int len, long value) {
    String s = Long.toOctalString(value);
    if (s.length() < len - 1) {
      s = "0".repeat(len - 1 - s.length()) + s;
    }
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, block, off, Math.min(b.length, len));
    if (b.length < len) {
      block[off + b.length] = 0;
    }
  }

  private static boolean fitsOctal(int len, long x) {
    int bits = (len - 1) * 3;
    return x >= 0 && (len >= 22 || x < (1L << bits));
  }

  /** Go's splitUSTARPath: {prefix, name} or null. */
  static String[] splitUstarPath(String name) {
    int length = name.length();
    if (length <= NAME_SIZE || !isAscii(name)) {
      return null;
    } else if (length > PREFIX_SIZE + 1) {
      length = PREFIX_SIZE + 1;
    } else if (name.charAt(length - 1) == '/') {
      length--;
    }
    int i = name.lastIndexOf('/', length - 1);
    int nlen = name.length() - i - 1;
    if (i <= 0 || nlen > NAME_SIZE || nlen == 0 || i > PREFIX_SIZE) {
      return null;
    }
    return new String[]{name.substring(0, i), name.substring(i + 1)};
  }

  /** "LEN key=value\n" where LEN counts the whole record, as Go's formatPAXRecord. */
  private static byte[] paxRecord(String key, byte[] value) {
    byte[] k = utf8(key);
    int size = k.length + value.length + 3;
    size += Integer.toString(size).length();
    int actual = Integer.toString(size).length() + 1 + k.length + 1 + value.length + 1;
    if (actual != size) {
      size = actual; // adding the length field made the record one digit longer
    }
    ByteArrayOutputStream r = new ByteArrayOutputStream(size);
    r.writeBytes(ascii(size + " "));
    r.writeBytes(k);
    r.write('=');
    r.writeBytes(value);
    r.write('\n');
    return r.toByteArray();
  }

  /** Go's formatPAXTime: seconds, then up to 9 fraction digits without trailing zeros. */
  static String paxTime(Instant t) {
    long secs = t.getEpochSecond();
    long nanos = t.getNano();
    if (nanos == 0) {
      return Long.toString(secs);
    }
    String sign = "";
    if (secs < 0) {
      sign = "-";
      secs = -(secs + 1);
      nanos = -(nanos - 1_000_000_000L);
    }
    String s = sign + secs + "." + String.format("%09d", nanos);
    return s.replaceAll("0+$", "");
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static String toAscii(String s) {
    if (isAscii(s)) {
      return s;
    }
    StringBuilder b = new StringBuilder();
    s.codePoints().filter(c -> c < 0x80).forEach(b::appendCodePoint);
    return b.toString();
  }

  private static int utf8Length(String s) {
    return utf8(s).length;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
