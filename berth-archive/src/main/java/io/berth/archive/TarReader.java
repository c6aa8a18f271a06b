package io.berth.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a tar stream the way Go's archive/tar does (the reader Docker uses): USTAR, PAX (path, linkpath,
 * size, uid, gid, mtime, atime, SCHILY.xattr.* kept as raw bytes), GNU long names, V7; global PAX headers
 * are ignored. A corrupt header fails with "archive/tar: invalid tar header", a short stream with
 * "unexpected EOF"; the end is two zero blocks, a single zero block, a clean end between entries or one in
 * the padding after an entry's data.
 * Not thread-safe. Entry data is read through {@link #read} or {@link #content()} before the next {@link #next()}.
 */
public final class TarReader implements AutoCloseable {
  public static final String INVALID_HEADER = "archive/tar: invalid tar header";
  static final int BLOCK = 512;
  private static final String XATTR_PREFIX = "SCHILY.xattr.";

  private final InputStream in;
  private final byte[] block = new byte[BLOCK];
  private long remaining;   // data bytes of the current entry not yet read
  private long padding;     // zero padding after the current entry's data
  private boolean done;

  public TarReader(InputStream in) {
    this.in = in;
  }

  /** The next entry, or null at the end of the archive. Skips whatever is left of the previous entry. */
  public TarEntry next() throws IOException {
    if (done) {
      return null;
    }
    skipFully(remaining);
    // as Go's tryReadFull: a stream that ends in the padding ends the archive (the Docker CLI 28 sends
    // such a context for `build -q -f` with a Dockerfile outside the context, and dockerd takes it)
    boolean ended = skipUpTo(padding) < padding;
    remaining = 0;
    padding = 0;
    if (ended) {
      done = true;
      return null;
    }

    Map<String, byte[]> pax = new HashMap<>();
    String gnuLongName = null;
    String gnuLongLink = null;
    boolean pendingMeta = false;
    while (true) {
      int n = readUpTo(block, 0, BLOCK);
      if (n == 0) {
        if (pendingMeta) {
          throw unexpectedEof();
        }
        done = true;
        return null;
      }
      if (n < BLOCK) {
        throw unexpectedEof();
      }
      if (isZero(block)) {
        int m = readUpTo(block, 0, BLOCK);
        if (m != 0 && m < BLOCK) {
          throw unexpectedEof();
        }
        if (m != 0 && !isZero(block)) {
          throw invalidHeader();
        }
        if (pendingMeta) {
          throw unexpectedEof();
        }
        done = true;
        return null;
      }
      verifyChecksum();
      byte flag = block[156];
      long size = parseNumeric(124, 12);
      if (size < 0) {
        throw invalidHeader();
      }
      switch (flag) {
        case 'x' -> {
          parsePax(readMeta(size), pax);
          pendingMeta = true;
          continue;
        }
        case 'g' -> { // global headers: ignored, as Docker does
          skipFully(size + pad(size));
          continue;
        }
        case 'L' -> {
          gnuLongName = cString(readMeta(size), 0, (int) size);
          pendingMeta = true;
          continue;
        }
        case 'K' -> {
          gnuLongLink = cString(readMeta(size), 0, (int) size);
          pendingMeta = true;
          continue;
        }
        default -> {
        }
      }
      return finishEntry(flag, size, pax, gnuLongName, gnuLongLink);
    }
  }

  private TarEntry finishEntry(byte flag, long size, Map<String, byte[]> pax, String longName, String longLink)
      throws IOException {
    String name = cString(block, 0, 100);
    String linkName = cString(block, 157, 100);
    boolean ustar = block[257] == 'u' && block[258] == 's' && block[259] == 't' && block[260] == 'a'
        && block[261] == 'r' && block[262] == 0;
    if (ustar) {
      boolean star = block[508] == 't' && block[509] == 'a' && block[510] == 'r' && block[511] == 0;
      String prefix = cString(block, 345, star ? 131 : 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
    }
    int mode = (int) parseNumeric(100, 8);
    long uid = parseNumeric(108, 8);
    long gid = parseNumeric(116, 8);
    long mtimeSeconds = parseNumeric(136, 12);
    int devMajor = 0;
    int devMinor = 0;
    if (flag == '3' || flag == '4') {
      devMajor = (int) parseNumeric(329, 8);
      devMinor = (int) parseNumeric(337, 8);
    }
    Instant mtime = Instant.ofEpochSecond(mtimeSeconds);
    Instant atime = null;
    if (longName != null) {
      name = longName;
    }
    if (longLink != null) {
      linkName = longLink;
    }
    Map<String, byte[]> xattrs = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> record : pax.entrySet()) {
      String key = record.getKey();
      String value = new String(record.getValue(), StandardCharsets.UTF_8);
      if (value.isEmpty() && !key.startsWith(XATTR_PREFIX)) {
        continue; // an empty value withdraws the record: the header's own field stands
      }
      switch (key) {
        case "path" -> name = value;
        case "linkpath" -> linkName = value;
        case "size" -> size = paxLong(value);
        case "uid" -> uid = paxLong(value);
        case "gid" -> gid = paxLong(value);
        case "mtime" -> mtime = paxTime(value);
        case "atime" -> atime = paxTime(value);
        default -> {
          if (key.startsWith(XATTR_PREFIX)) {
            xattrs.put(key.substring(XATTR_PREFIX.length()), record.getValue());
          } else if (key.startsWith("GNU.sparse.")) {
            throw new IOException("archive/tar: sparse files are not supported: " + name);
          }
        }
      }
    }
    if (size < 0) {
      throw invalidHeader();
    }
    TarEntry.Type type = switch (flag) {
      case '0', '7' -> TarEntry.Type.FILE;
      case 0 -> name.endsWith("/") ? TarEntry.Type.DIRECTORY : TarEntry.Type.FILE;
      case '1' -> TarEntry.Type.HARDLINK;
      case '2' -> TarEntry.Type.SYMLINK;
      case '3' -> TarEntry.Type.CHAR_DEVICE;
      case '4' -> TarEntry.Type.BLOCK_DEVICE;
      case '5' -> TarEntry.Type.DIRECTORY;
      case '6' -> TarEntry.Type.FIFO;
      case 'S' -> throw new IOException("archive/tar: sparse files are not supported: " + name);
      default -> throw new IOException("unhandled tar header type " + (flag & 0xff));
    };
    remaining = type.hasData() ? size : 0;
    padding = pad(remaining);
    return new TarEntry(name, type, mode & 07777, (int) uid, (int) gid, size, mtime, atime, linkName,
        devMajor, devMinor, xattrs);
  }

  /** Reads data of the current entry; -1 at its end. A short stream fails with "unexpected EOF". */
  public int read(byte[] buf, int off, int len) throws IOException {
    if (remaining == 0) {
      return -1;
    }
    int n = in.read(buf, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw unexpectedEof();
    }
    remaining -= n;
    return n;
  }

  /** The rest of the current entry's data, read whole (for small entries). A short stream fails as {@link #read}. */
  public byte[] readRest() throws IOException {
    byte[] data = new byte[Math.toIntExact(remaining)];
    int off = 0;
    while (off < data.length) {
      off += read(data, off, data.length - off);
    }
    return data;
  }

  /** The current entry's data as a stream (not to be closed by callers that keep reading the archive). */
  public InputStream content() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = TarReader.this.read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return TarReader.this.read(b, off, len);
      }
    };
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private byte[] readMeta(long size) throws IOException {
    if (size > 1 << 20) { // Go's maxSpecialFileSize
      throw invalidHeader();
    }
    byte[] data = new byte[(int) size];
    if (readUpTo(data, 0, data.length) < data.length) {
      throw unexpectedEof();
    }
    skipFully(pad(size));
    return data;
  }

  /** PAX records: "LEN key=value\n", LEN counting the whole record; values stay raw bytes. */
  private static void parsePax(byte[] data, Map<String, byte[]> out) throws IOException {
    int pos = 0;
    while (pos < data.length) {
      int space = pos;
      while (space < data.length && data[space] != ' ') {
        space++;
      }
      if (space == data.length || space == pos) {
        throw invalidHeader();
      }
      int length;
      try {
        length = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw invalidHeader();
      }
      int end = pos + length;
      if (length <= space - pos + 1 || end > data.length || data[end - 1] != '\n') {
        throw invalidHeader();
      }
      int eq = space + 1;
      while (eq < end - 1 && data[eq] != '=') {
        eq++;
      }
      if (eq >= end - 1 || eq == space + 1) {
        throw invalidHeader();
      }
      String key = new String(data, space + 1, eq - space - 1, StandardCharsets.UTF_8);
      out.put(key, Arrays.copyOfRange(data, eq + 1, end - 1));
      pos = end;
    }
  }

  private static long paxLong(String value) throws IOException {
    try {
      long v = Long.parseLong(value);
      if (v < 0) {
        throw invalidHeader();
      }
      return v;
    } catch (NumberFormatException e) {
      throw invalidHeader();
    }
  }

  /** "seconds[.fraction]", possibly negative, as PAX and Go's formatPAXTime write it. */
  static Instant paxTime(String value) throws IOException {
    try {
      boolean negative = value.startsWith("-");
      String digits = negative ? value.substring(1) : value;
      int dot = digits.indexOf('.');
      long seconds = Long.parseLong(dot < 0 ? digits : digits.substring(0, dot));
      long nanos = 0;
      if (dot >= 0) {
        String fraction = digits.substring(dot + 1);
        if (!fraction.chars().allMatch(Character::isDigit)) {
          throw invalidHeader();
        }
        fraction = (fraction + "000000000").substring(0, 9);
        nanos = Long.parseLong(fraction);
      }
      return negative ? Instant.ofEpochSecond(-seconds, -nanos) : Instant.ofEpochSecond(seconds, nanos);
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw invalidHeader();
    }
  }

  private void verifyChecksum() throws IOException {
    long stored = parseNumeric(148, 8);
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      int b = (i >= 148 && i < 156) ? ' ' : block[i];
      unsigned += b & 0xff;
      signed += b;
    }
    if (stored != unsigned && stored != signed) {
      throw invalidHeader();
    }
  }

  /** Octal (padded with spaces/NULs) or GNU base-256 when the high bit of the first byte is set. */
  private long parseNumeric(int off, int len) throws IOException {
    if ((block[off] & 0x80) != 0) {
      long value = block[off] & 0x7f;
      if ((block[off] & 0x40) != 0) {
        throw invalidHeader(); // negative base-256
      }
      for (int i = 1; i < len; i++) {
        if ((value >>> 55) != 0) {
          throw invalidHeader();
        }
        value = (value << 8) | (block[off + i] & 0xff);
      }
      return value;
    }
    int start = off;
    int end = off + len;
    while (start < end && (block[start] == ' ' || block[start] == 0)) {
      start++;
    }
    while (end > start && (block[end - 1] == ' ' || block[end - 1] == 0)) {
      end--;
    }
    long value = 0;
    for (int i = start; i < end; i++) {
      int c = block[i];
      if (c == 0) {
        break;
      }
      if (c < '0' || c > '7' || (value >>> 60) != 0) {
        throw invalidHeader();
      }
      value = (value << 3) | (c - '0');
    }
    return value;
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  static long pad(long size) {
    long rem = size % BLOCK;
    return rem == 0 ? 0 : BLOCK - rem;
  }

  private int readUpTo(byte[] buf, int off, int len) throws IOException {
    int total = 0;
    while (total < len) {
      int n = in.read(buf, off + total, len - total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  /** Reads (never seeks) past n bytes, so that a truncated stream is always noticed. */
  /** Skips up to {@code n} bytes; fewer only at the end of the stream. */
  private long skipUpTo(long n) throws IOException {
    long skipped = 0;
    while (skipped < n) {
      int r = in.read(block, 0, (int) Math.min(n - skipped, BLOCK));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  private void skipFully(long n) throws IOException {
    if (n <= 0) {
      return;
    }
    byte[] scratch = new byte[(int) Math.min(n, 64 * 1024)];
    while (n > 0) {
      int r = in.read(scratch, 0, (int) Math.min(n, scratch.length));
      if (r < 0) {
        throw unexpectedEof();
      }
      n -= r;
    }
  }

  static IOException invalidHeader() {
    return new IOException(INVALID_HEADER);
  }

  static EOFException unexpectedEof() {
    return new EOFException("unexpected EOF");
  }
}
