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

  private final Path root;
  private final Map<String, String> sums = new ConcurrentHashMap<>();

  SourceTree(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /**
   * The path inside the tree with symlinks followed as if the tree were "/" (FollowSymlinkInScope); a
   * path that climbs out is refused in dockerd's words.
   */
  Path fullPath(String path) {
    try {
      return SecurePath.join(root, path);
    } catch (IOException | RuntimeException e) {
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
    MessageDigest md = io.berth.common.Digest.newSha256();
    header(md, "name", dir ? rel + "/" : rel);
    header(md, "mode", Long.toString(mode & 07777 | format));
    header(md, "uid", st.get("uid").toString());
    header(md, "gid", st.get("gid").toString());
    header(md, "size", Long.toString(regular ? ((Number) st.get("size")).longValue() : 0));
    header(md, "typeflag", String.valueOf(typeflag(format)));
    header(md, "linkname", link);
    header(md, "uname", "");
    header(md, "gname", "");
    header(md, "devmajor", Long.toString(device ? (rdev >>> 8) & 0xfff : 0));
    header(md, "devminor", Long.toString(device ? (rdev & 0xff) | ((rdev >>> 12) & 0xfff00) : 0));
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
    md.update((key + value).getBytes(StandardCharsets.UTF_8));
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
