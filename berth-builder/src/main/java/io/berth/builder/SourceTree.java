package io.berth.builder;

import io.berth.archive.SecurePath;
import io.berth.common.GoPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A tree COPY and ADD read from (the build context, another stage's or image's root, a download), with
 * the classic builder's file hashes, computed the first time a path is asked for (moby's lazySource):
 * a tarsum v1 header (name, mode, owner, size, type, link; no time) then the content, so that a file's
 * hash changes exactly when what COPY would write changes. These hashes are the cache key of COPY and
 * ADD and appear in history ({@code COPY file:<hash> in /dest}).
 */
final class SourceTree {
  private static final int S_IFMT = 0170000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFIFO = 0010000;

  /** What is at a path of the tree. */
  enum Kind { MISSING, FILE, DIRECTORY }

  private final Path root;
  private final Map<String, String> sums = new ConcurrentHashMap<>();
  private final ContextIndex index;
  private final List<String> removed = new ArrayList<>();
  private boolean extracted;
  private volatile boolean absent;

  SourceTree(Path root) {
    this(root, null);
  }

  private SourceTree(Path root, ContextIndex index) {
    this.root = root;
    this.index = index;
    this.extracted = index == null;
  }

  /** The build context: answered from its index, its files written out under {@code root} when first needed. */
  static SourceTree context(ContextIndex index, Path root) {
    return new SourceTree(root, index);
  }

  /** The directory holding the tree's files (the context is extracted the first time this is asked). */
  Path root() {
    extract();
    return root;
  }

  private synchronized void extract() {
    if (extracted) {
      return;
    }
    try (java.io.InputStream in = Files.newInputStream(index.tarFile())) {
      io.berth.archive.LayerApplier.extract(in, root, "/", io.berth.archive.CopyOptions.daemon(false,
          io.berth.archive.CopyOptions.Ownership.ARCHIVE));
      for (String path : removed) {
        io.berth.common.AtomicFiles.deleteTree(SecurePath.join(root, path));
      }
    } catch (IOException e) {
      throw new BuildException("failed to read the build context: " + e.getMessage(), e);
    }
    extracted = true;
  }

  /** What {@code path} is (symlinks followed in scope), from the index when it can tell. */
  Kind kind(String path) {
    checkInside(path);
    if (index != null) {
      ContextIndex.Entry e = index.lookup(path);
      if (e != ContextIndex.UNKNOWN) {
        return e == null ? Kind.MISSING
            : e.type() == io.berth.archive.TarEntry.Type.DIRECTORY ? Kind.DIRECTORY : Kind.FILE;
      }
    }
    Path full = fullPath(path);
    if (!Files.exists(full, LinkOption.NOFOLLOW_LINKS) || !Files.exists(full)) {
      return Kind.MISSING;
    }
    return Files.isDirectory(full) ? Kind.DIRECTORY : Kind.FILE;
  }

  /** The relative paths a wildcard pattern matches, in walk order. */
  List<String> match(String pattern) throws IOException {
    List<String> out = new ArrayList<>();
    if (index != null && !index.hasLinksBelow("")) {
      for (String name : index.below("").keySet()) {
        if (GoMatch.match(pattern, name)) {
          out.add(name);
        }
      }
      return out;
    }
    try (Stream<Path> walk = Files.walk(root())) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String rel = relative(p);
        if (!rel.equals(".") && GoMatch.match(pattern, rel)) {
          out.add(rel);
        }
      }
    }
    return out;
  }

  /**
   * Whether COPY can take {@code path} straight from the context's tar (the index answers for it and no
   * link is in it), without the context being written out as files first.
   */
  boolean streamable(String path) {
    if (index == null || extracted) {
      return false;
    }
    ContextIndex.Entry e = index.lookup(path);
    String clean = GoPath.clean("/" + path).substring(1);
    return e != ContextIndex.UNKNOWN && e != null && e.type() != io.berth.archive.TarEntry.Type.HARDLINK
        && e.type() != io.berth.archive.TarEntry.Type.SYMLINK && !index.hasLinksBelow(clean);
  }

  /**
   * The tar of {@code path} taken from the context's: a file as one entry named {@code fileName}, a
   * directory as its contents; {@code chmod} (or -1) sets every entry's mode.
   */
  void writeTar(String path, String fileName, int chmod, java.io.OutputStream out) throws IOException {
    String clean = GoPath.clean("/" + path).substring(1);
    String prefix = clean.isEmpty() ? "" : clean + "/";
    java.util.Set<String> removedNow = new java.util.HashSet<>(removed);
    try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(index.tarFile()), 1 << 16)) {
      io.berth.archive.TarReader reader = new io.berth.archive.TarReader(in);
      io.berth.archive.TarWriter writer = new io.berth.archive.TarWriter(out);
      for (io.berth.archive.TarEntry e = reader.next(); e != null; e = reader.next()) {
        String name = GoPath.clean("/" + e.name()).substring(1);
        String target;
        if (fileName != null) {
          target = name.equals(clean) ? fileName : null;
        } else {
          target = name.startsWith(prefix) && !name.equals(clean) ? name.substring(prefix.length()) : null;
        }
        if (target == null || removedNow.contains(name)) {
          continue;
        }
        io.berth.archive.TarEntry renamed = e.withName(e.type() == io.berth.archive.TarEntry.Type.DIRECTORY
            ? target + "/" : target);
        writer.writeHeader(chmod >= 0 ? renamed.withMode(chmod) : renamed);
        if (e.type().hasData()) {
          writer.writeContent(reader.content());
        }
      }
      writer.finish();
      out.flush();
    }
  }

  /** A regular file's bytes (the Dockerfile), from the context's tar when the index has it. */
  byte[] read(String path) throws IOException {
    if (index != null) {
      ContextIndex.Entry e = index.lookup(path);
      if (e != ContextIndex.UNKNOWN && e != null && e.type() == io.berth.archive.TarEntry.Type.FILE) {
        return index.read(e);
      }
    }
    return Files.readAllBytes(fullPath(path));
  }

  /** Marks the context as none at all (a Dockerfile downloaded on its own): copies from it fail, as in dockerd. */
  void markAbsent() {
    absent = true;
  }

  boolean absent() {
    return absent;
  }

  /** Takes a path out of the tree (the daemon's removal of an ignored Dockerfile and .dockerignore). */
  synchronized void remove(String path) throws IOException {
    if (index != null) {
      index.remove(path);
    }
    if (extracted) {
      io.berth.common.AtomicFiles.deleteTree(fullPath(path));
    } else {
      removed.add(path);
    }
  }

  /**
   * The path inside the tree with symlinks followed as if the tree were "/" (FollowSymlinkInScope); a
   * path that climbs out is refused in dockerd's words.
   */
  Path fullPath(String path) {
    checkInside(path);
    extract();
    try {
      return SecurePath.join(root, path);
    } catch (IOException | RuntimeException e) {
      throw new BuildException("forbidden path outside the build context: " + path + " ()");
    }
  }

  /** moby's refusal of a source that climbs out of the context. */
  private static void checkInside(String path) {
    String clean = GoPath.clean(path);
    if (clean.equals("..") || clean.startsWith("../")) {
      throw new BuildException("forbidden path outside the build context: " + path + " ()");
    }
  }

  /** The slash-separated path of {@code full} relative to the root ("." for the root). */
  String relative(Path full) {
    String rel = root.relativize(full).toString();
    return rel.isEmpty() ? "." : rel;
  }

  /** The hash of the file at {@code path} after symlinks are followed in scope (moby's Source.Hash). */
  String hash(String path) throws IOException {
    if (index != null) {
      ContextIndex.Entry e = index.lookup(path);
      if (e != ContextIndex.UNKNOWN && e != null && e.type() != io.berth.archive.TarEntry.Type.DIRECTORY) {
        return e.sum();
      }
    }
    Path full = fullPath(path);
    String rel = relative(full);
    if (!Files.exists(full, LinkOption.NOFOLLOW_LINKS)) {
      return rel; // a broken link: moby's backwards-compatible answer is the path itself
    }
    String known = sums.get(rel);
    if (known != null) {
      return known;
    }
    String sum = computeHash(full, rel);
    sums.put(rel, sum);
    return sum;
  }

  /** The hashes of everything below the directory at {@code path}, sorted (moby's walkSource). */
  List<String> hashesBelow(String path) throws IOException {
    if (index != null) {
      String clean = GoPath.clean("/" + path).substring(1);
      ContextIndex.Entry e = index.lookup(path);
      if (e != ContextIndex.UNKNOWN && e != null && !index.hasLinksBelow(clean)) {
        List<String> out = new ArrayList<>();
        index.below(clean).values().forEach(x -> out.add(x.sum()));
        Collections.sort(out);
        return out;
      }
    }
    Path dir = fullPath(path);
    List<String> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (!p.equals(dir)) {
          String rel = relative(p);
          String known = sums.get(rel);
          if (known == null) {
            known = computeHash(p, rel);
            sums.put(rel, known);
          }
          out.add(known);
        }
      }
    }
    Collections.sort(out);
    return out;
  }

  private static String computeHash(Path file, String rel) throws IOException {
    Map<String, Object> st;
    try {
      st = Files.readAttributes(file, "unix:mode,uid,gid,size,rdev", LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return rel;
    }
    int mode = (int) st.get("mode");
    int format = mode & S_IFMT;
    boolean dir = format == S_IFDIR;
    boolean regular = format == S_IFREG;
    String link = format == S_IFLNK ? Files.readSymbolicLink(file).toString() : "";
    long rdev = ((Number) st.get("rdev")).longValue();
    boolean device = format == S_IFCHR || format == S_IFBLK;
    MessageDigest md = headerDigest(rel, dir, mode & 07777, format, ((Number) st.get("uid")).intValue(),
        ((Number) st.get("gid")).intValue(), regular ? ((Number) st.get("size")).longValue() : 0, link,
        device ? (int) ((rdev >>> 8) & 0xfff) : 0, device ? (int) ((rdev & 0xff) | ((rdev >>> 12) & 0xfff00)) : 0);
    if (regular) {
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The tarsum v1 header of an entry (no time: a touched, unchanged file keeps its hash). */
  static MessageDigest headerDigest(String rel, boolean dir, int perm, int format, int uid, int gid, long size,
      String link, int devMajor, int devMinor) {
    MessageDigest md = io.berth.common.Digest.newSha256();
    header(md, "name", dir ? rel + "/" : rel);
    header(md, "mode", Long.toString(perm | format));
    header(md, "uid", Integer.toString(uid));
    header(md, "gid", Integer.toString(gid));
    header(md, "size", Long.toString(size));
    header(md, "typeflag", String.valueOf(typeflag(format)));
    header(md, "linkname", link);
    header(md, "uname", "");
    header(md, "gname", "");
    header(md, "devmajor", Integer.toString(devMajor));
    header(md, "devminor", Integer.toString(devMinor));
    return md;
  }

  /** The file-type bits of a tar entry's type. */
  static int formatOf(io.berth.archive.TarEntry.Type type) {
    return switch (type) {
      case DIRECTORY -> S_IFDIR;
      case SYMLINK -> S_IFLNK;
      case CHAR_DEVICE -> S_IFCHR;
      case BLOCK_DEVICE -> S_IFBLK;
      case FIFO -> S_IFIFO;
      case FILE, HARDLINK -> S_IFREG;
    };
  }

  private static char typeflag(int format) {
    return switch (format) {
      case S_IFDIR -> '5';
      case S_IFLNK -> '2';
      case S_IFCHR -> '3';
      case S_IFBLK -> '4';
      case S_IFIFO -> '6';
      default -> '0';
    };
  }

  private static void header(MessageDigest md, String key, String value) {
    md.update(key.getBytes(StandardCharsets.US_ASCII));
    md.update(value.getBytes(StandardCharsets.UTF_8));
  }

  /** A COPY source as moby cleans it: slashes, no leading "/" or "./". */
  static String cleanSource(String path) {
    String p = path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.startsWith("./")) {
      p = p.substring(2);
    }
    return p;
  }

  static String clean(String path) {
    return GoPath.clean(path);
  }
}
