package io.berth.builder;

import io.berth.archive.Compression;
import io.berth.archive.TarEntry;
import io.berth.archive.TarReader;
import io.berth.common.GoPath;
import io.berth.common.ObservedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The build context as it arrived: its tar (decompressed) kept in one file, and an index of its entries
 * with each file's hash computed while the tar streamed in (as dockerd's tarsum does). Hashes, existence
 * and listings answer from the index, so a build whose steps all come from the cache never writes the
 * context out as files; the tar is extracted only when a step needs the files themselves.
 */
final class ContextIndex {
  /** One entry: its kind, link target, hash, and where its data starts in the tar file. */
  record Entry(TarEntry.Type type, String link, String sum, long dataOffset, long size) {}

  private final Path tar;
  private final NavigableMap<String, Entry> entries;

  private ContextIndex(Path tar, NavigableMap<String, Entry> entries) {
    this.tar = tar;
    this.entries = entries;
  }

  Path tarFile() {
    return tar;
  }

  /** Reads the (possibly compressed) context into {@code file}, indexing it as it goes. */
  static ContextIndex read(InputStream context, Path file) throws IOException {
    NavigableMap<String, Entry> entries = new TreeMap<>();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        InputStream plain = Compression.decompress(context)) {
      // copies what it reads to the tar file and counts it, so an entry's data offset is known
      AtomicLong position = new AtomicLong();
      InputStream counting = new ObservedInputStream(plain, (b, off, n) -> {
        out.write(b, off, n);
        position.addAndGet(n);
      });
      TarReader reader = new TarReader(counting);
      byte[] buf = new byte[64 * 1024];
      for (TarEntry e = reader.next(); e != null; e = reader.next()) {
        String name = GoPath.clean("/" + e.name()).substring(1);
        if (name.isEmpty()) {
          continue;
        }
        long offset = position.get();
        MessageDigest md = SourceTree.headerDigest(name, e.type() == TarEntry.Type.DIRECTORY, e.mode(),
            SourceTree.formatOf(e.type()), e.uid(), e.gid(), e.type().hasData() ? e.size() : 0, e.linkName(),
            e.devMajor(), e.devMinor());
        for (int n; (n = reader.read(buf, 0, buf.length)) > 0; ) {
          md.update(buf, 0, n);
        }
        entries.put(name, new Entry(e.type(), e.linkName(), HexFormat.of().formatHex(md.digest()), offset,
            e.type().hasData() ? e.size() : 0));
      }
      counting.transferTo(OutputStream.nullOutputStream());
    }
    return new ContextIndex(file, entries);
  }

  /**
   * The entry at {@code path} if every component of it can be answered from the index (no symlink or
   * hard link on the way, which only the extracted tree can resolve as dockerd does); null when it is
   * missing; {@link #UNKNOWN} when the index cannot tell.
   */
  Entry lookup(String path) {
    String clean = GoPath.clean("/" + path).substring(1);
    if (clean.startsWith("..")) {
      return UNKNOWN;
    }
    if (clean.isEmpty()) {
      return ROOT;
    }
    int from = 0;
    while (true) {
      int slash = clean.indexOf('/', from);
      String prefix = slash < 0 ? clean : clean.substring(0, slash);
      Entry e = entries.get(prefix);
      if (e != null && (e.type() == TarEntry.Type.SYMLINK || e.type() == TarEntry.Type.HARDLINK)) {
        return UNKNOWN;
      }
      if (slash < 0) {
        if (e == null && hasChildren(prefix)) {
          return IMPLIED_DIR;
        }
        return e;
      }
      from = slash + 1;
    }
  }

  static final Entry UNKNOWN = new Entry(TarEntry.Type.FIFO, "", "", -1, 0);
  static final Entry ROOT = new Entry(TarEntry.Type.DIRECTORY, "", "", -1, 0);
  static final Entry IMPLIED_DIR = new Entry(TarEntry.Type.DIRECTORY, "", "", -1, 0);

  private boolean hasChildren(String dir) {
    String from = dir + "/";
    String next = entries.ceilingKey(from);
    return next != null && next.startsWith(from);
  }

  /** The entries below {@code dir} ("" for all), by relative name. */
  Map<String, Entry> below(String dir) {
    if (dir.isEmpty()) {
      return entries;
    }
    return entries.subMap(dir + "/", true, dir + "0", false); // '0' follows '/'
  }

  /** Whether anything below {@code dir} is a link (then only the tree can be walked as dockerd walks it). */
  boolean hasLinksBelow(String dir) {
    return below(dir).values().stream().anyMatch(e -> e.type() == TarEntry.Type.SYMLINK
        || e.type() == TarEntry.Type.HARDLINK);
  }

  /** The data of a regular file entry. */
  byte[] read(Entry e) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(tar.toFile(), "r")) {
      byte[] data = new byte[Math.toIntExact(e.size())];
      f.seek(e.dataOffset());
      f.readFully(data);
      return data;
    }
  }

  /** Forgets entries the daemon removes from the context (.dockerignore'd Dockerfile and .dockerignore). */
  void remove(String path) {
    String clean = GoPath.clean("/" + path).substring(1);
    entries.remove(clean);
    below(clean).clear();
  }
}
