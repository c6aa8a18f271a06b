package io.berth.archive;

import io.berth.common.GoPath;
import io.berth.sys.ErrnoException;
import io.berth.sys.Linux;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Writes a directory tree as a tar the way Docker's archive.Tar does: entries in depth-first order with each
 * directory's names sorted bytewise (Go's WalkDir), directories ending in "/", uid/gid numeric with empty
 * uname/gname, mode = permission and setuid/setgid/sticky bits, mtime truncated to seconds and no atime, a
 * second and later name of an inode (same dev and ino) written as a hard link to the first, devices with their
 * numbers, sockets skipped, symlinks never followed. Two modes:
 * <ul>
 * <li>a layer ({@link #write}): names relative without a leading "/", no entry for the root itself; extended
 * attributes in PAX {@code SCHILY.xattr.*} records, except the overlay-internal ones and {@code security.selinux};
 * in {@link WhiteoutMode#OVERLAY} a 0:0 character device becomes a {@code .wh.NAME} entry and a directory with
 * {@code trusted.overlay.opaque=y} is followed by a {@code .wh..wh..opq} entry;</li>
 * <li>a copy ({@link #writeCopy}, moby's TarResourceRebase as {@code docker cp} uses it on either side): the
 * resource itself first under the name it is copied as, then its tree below that name; a regular file's
 * capability is its only extended attribute; no whiteout conversion.</li>
 * </ul>
 * {@code security.capability} v3 is written as v2, as Docker does.
 */
public final class LayerWriter {
  private final WhiteoutMode mode;
  private final TarWriter tar;
  private final Map<List<Long>, String> firstNameOfInode = new HashMap<>();
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);

  private final boolean readData;
  private final boolean copy;
  private final UnaryOperator<String> rename;

  private LayerWriter(WhiteoutMode mode, TarWriter tar, boolean readData) {
    this(mode, tar, readData, false, UnaryOperator.identity());
  }

  private LayerWriter(WhiteoutMode mode, TarWriter tar, boolean readData, boolean copy,
            UnaryOperator<String> rename) {
    this.mode = mode;
    this.tar = tar;
    this.readData = readData;
    this.copy = copy;
    this.rename = rename;
  }

  /**
   * Writes the tree under {@code root} to {@code out} (left open, flushed) as an uncompressed tar. The output
   * depends only on the tree (names, types, owners, modes, whole-second mtimes, xattrs, link targets, device
   * numbers, hard links, data), never on the order the directory lists or when it is written.
   */
  public static void write(Path root, OutputStream out, WhiteoutMode mode) throws IOException {
    write(root, out, null, mode);
  }

  /** As {@link #write(Path, OutputStream, WhiteoutMode)}, also writing the tar's skeleton (see {@link TarWriter}). */
  public static void write(Path root, OutputStream out, OutputStream skeleton, WhiteoutMode mode) throws IOException {
    new LayerWriter(mode, new TarWriter(out, skeleton), true).writeLayer(root);
  }

  /**
   * Writes only the skeleton of the tree's tar, the same bytes {@link #write(Path, OutputStream, OutputStream,
   * WhiteoutMode)} sends to its skeleton stream, reading no file's data (a stat, xattrs and links per entry).
   */
  public static void writeSkeleton(Path root, OutputStream skeleton, WhiteoutMode mode) throws IOException {
    new LayerWriter(mode, TarWriter.skeletonOnly(skeleton), false).writeLayer(root);
  }

  /** Its errors name paths as seen from inside the layer ({@link ChrootView}), never the host's. */
  private void writeLayer(Path root) throws IOException {
    try {
      walk(root, "");
      tar.finish();
    } catch (IOException e) {
      throw new ChrootView(root).errors(e);
    }
  }

  /**
   * {@code docker cp}'s archive of {@code source}, a file or a tree, named {@code topName} ("." for a "dir/."
   * source: its contents as "./NAME"; "/" for a container's root: entries then start with "/"), every name then
   * passed through {@code rename} (the client's renaming of the top entry for its destination). Writes no
   * entry for what cannot be archived (a socket), flushes {@code out} and leaves it open.
   */
  public static void writeCopy(Path source, String topName, UnaryOperator<String> rename, OutputStream out)
      throws IOException {
    LayerWriter w = new LayerWriter(WhiteoutMode.APPLY, new TarWriter(out), true, true, rename);
    String top = topName.equals("/") ? "" : topName;
    if (w.add(source, top)) {
      w.walk(source, top + "/");
    }
    w.tar.finish();
    out.flush();
  }

  private void walk(Path dir, String prefix) throws IOException {
    for (String name : sortedNames(dir)) {
      Path path = dir.resolve(name);
      String rel = prefix + name;
      if (add(path, rel)) {
        walk(path, rel + "/");
      }
    }
  }

  /**
   * The stat fields a tar header needs, named: "unix:*" would also make the JDK look the owner and group up by
   * name, reading /etc/passwd and /etc/group again for every file (10 system calls each).
   */
  private static final String STAT = "unix:mode,rdev,lastModifiedTime,uid,gid,size,nlink,dev,ino";

  /** Writes one path; true when it is a directory to descend into. */
  private boolean add(Path path, String rel) throws IOException {
    Map<String, Object> st = Files.readAttributes(path, STAT, LinkOption.NOFOLLOW_LINKS);
    int stMode = (int) st.get("mode");
    int format = stMode & Linux.S_IFMT;
    TarEntry.Type type = switch (format) {
      case Linux.S_IFREG -> TarEntry.Type.FILE;
      case Linux.S_IFDIR -> TarEntry.Type.DIRECTORY;
      case Linux.S_IFLNK -> TarEntry.Type.SYMLINK;
      case Linux.S_IFCHR -> TarEntry.Type.CHAR_DEVICE;
      case Linux.S_IFBLK -> TarEntry.Type.BLOCK_DEVICE;
      case Linux.S_IFIFO -> TarEntry.Type.FIFO;
      default -> null; // sockets: tar cannot hold them, Docker skips them too
    };
    if (type == null) {
      return false;
    }
    long rdev = (long) st.get("rdev");
    Instant mtime = ((FileTime) st.get("lastModifiedTime")).toInstant().truncatedTo(ChronoUnit.SECONDS);
    int uid = (int) st.get("uid");
    int gid = (int) st.get("gid");
    long size = type == TarEntry.Type.FILE ? (long) st.get("size") : 0;
    boolean isDir = type == TarEntry.Type.DIRECTORY;
    Map<String, byte[]> xattrs = !copy ? Xattrs.ofLayerEntry(path)
        : type == TarEntry.Type.FILE ? Xattrs.ofCopiedFile(path) : Map.of();

    if (mode == WhiteoutMode.OVERLAY && type == TarEntry.Type.CHAR_DEVICE && rdev == 0) {
      int slash = rel.lastIndexOf('/');
      String name = GoPath.join(rel.substring(0, slash + 1), LayerApplier.WHITEOUT_PREFIX + rel.substring(slash + 1));
      tar.writeHeader(new TarEntry(name, TarEntry.Type.FILE, 0600, uid, gid, 0, mtime, null, "", 0, 0, Map.of()));
      return false;
    }

    TarEntry entry = new TarEntry(rename.apply(isDir ? rel + "/" : rel), type, stMode & 07777, uid, gid, size,
        mtime, null,
        type == TarEntry.Type.SYMLINK ? Linux.readlink(path) : "",
        Linux.major(rdev), Linux.minor(rdev), xattrs);
    if (type != TarEntry.Type.CHAR_DEVICE && type != TarEntry.Type.BLOCK_DEVICE) {
      entry = entry.withDevice(0, 0);
    }
    if (!isDir && (int) st.get("nlink") > 1) {
      List<Long> inode = List.of((long) st.get("dev"), (long) st.get("ino"));
      String first = firstNameOfInode.putIfAbsent(inode, entry.name());
      if (first != null) {
        entry = entry.withLink(TarEntry.Type.HARDLINK, first);
      }
    }
    tar.writeHeader(entry);
    if (entry.type() == TarEntry.Type.FILE && size > 0) {
      if (readData) {
        copyContent(path, size, entry.name());
      } else {
        tar.skipData(size);
      }
    }
    if (isDir && mode == WhiteoutMode.OVERLAY && isOpaque(path)) {
      tar.writeHeader(new TarEntry(GoPath.join(rel, LayerApplier.WHITEOUT_OPAQUE), TarEntry.Type.FILE,
          stMode & 0777, uid, gid, 0, Instant.EPOCH, null, "", 0, 0, Map.of()));
    }
    return isDir;
  }

  private void copyContent(Path path, long size, String name) throws IOException {
    try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long left = size;
      while (left > 0) {
        buffer.clear().limit((int) Math.min(buffer.capacity(), left));
        int n = in.read(buffer);
        if (n < 0) {
          throw new IOException("archive/tar: missed writing " + left + " bytes: " + name + " shrank while being archived");
        }
        tar.write(buffer.array(), 0, n);
        left -= n;
      }
    }
  }

  private static boolean isOpaque(Path dir) throws IOException {
    try {
      return Linux.lgetxattr(dir, LayerApplier.OVERLAY_OPAQUE_XATTR)
          .map(v -> v.length == 1 && v[0] == 'y').orElse(false);
    } catch (ErrnoException e) {
      if (e.errno() == Linux.ENOTSUP) {
        return false;
      }
      throw e;
    }
  }

  private static List<String> sortedNames(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        names.add(p.getFileName().toString());
      }
    }
    names.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
    return names;
  }
}
