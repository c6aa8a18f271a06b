package io.berth.engine.container;

import io.berth.archive.BreakoutException;
import io.berth.archive.SecurePath;
import io.berth.archive.TarEntry;
import io.berth.archive.TarReader;
import io.berth.sys.ErrnoException;
import io.berth.sys.Linux;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Extracts a tar into a directory of a container's root filesystem, as dockerd's chrooted
 * archive.Untar does for {@code PUT /containers/{id}/archive}, without a chroot: every entry's
 * parent is resolved with {@link SecurePath} inside the container root (symlinks followed as the
 * container sees them), so nothing outside the root is ever created, changed or deleted. As Docker:
 * names that climb above the destination, hard links to outside it and symlinks pointing above
 * it are refused; missing parents are made 0755 root-owned; an existing path is replaced unless
 * both are directories (or refused with {@code noOverwriteDirNonDir}); the "." entry does not
 * touch the destination; owners come from the archive unless {@code owner} overrides them;
 * {@code .wh.} names are ordinary files here (no whiteouts); directory times are set last.
 */
final class ArchiveExtractor {
  /** uid/gid forced on every entry (docker cp -a with a container User), or null for the archive's. */
  record Owner(int uid, int gid) {}

  private final Path root;
  private final String dest; // absolute in the container, resolved, no trailing "/" except for "/"
  private final boolean noOverwriteDirNonDir;
  private final Owner owner;
  private final byte[] buffer = new byte[1 << 20];
  private final List<Map.Entry<Path, TarEntry>> dirTimes = new ArrayList<>();

  private ArchiveExtractor(Path root, String dest, boolean noOverwriteDirNonDir, Owner owner) {
    this.root = root;
    this.dest = dest;
    this.noOverwriteDirNonDir = noOverwriteDirNonDir;
    this.owner = owner;
  }

  /** {@code dest} is the resolved destination directory, absolute in the container ("/" for the root). */
  static void extract(InputStream tar, Path root, String dest, boolean noOverwriteDirNonDir, Owner owner)
      throws IOException {
    ArchiveExtractor x = new ArchiveExtractor(root, ContainerPath.clean(dest), noOverwriteDirNonDir, owner);
    TarReader reader = new TarReader(tar);
    for (TarEntry e = reader.next(); e != null; e = reader.next()) {
      x.apply(reader, e);
    }
    for (Map.Entry<Path, TarEntry> d : x.dirTimes) {
      Instant mtime = d.getValue().mtime();
      Instant atime = d.getValue().atime() == null ? mtime : d.getValue().atime();
      Linux.utimensat(d.getKey(), atime, mtime, true);
    }
  }

  private void apply(TarReader reader, TarEntry e) throws IOException {
    String rel = relativeName(e.name());
    if (rel == null) {
      throw new BreakoutException(quote(e.name()) + " is outside of " + quote(dest));
    }
    if (rel.startsWith(".wh..wh.")) {
      return; // aufs metadata, skipped as Docker does
    }
    if (rel.isEmpty()) {
      Map<String, Object> st = ContainerPath.lstat(SecurePath.join(root, dest));
      if (st != null && isDir(st) && e.type() == TarEntry.Type.DIRECTORY) {
        return; // "." never changes the destination itself
      }
      throw new IOException("cannot replace the extraction directory with " + quote(e.name()));
    }
    int slash = rel.lastIndexOf('/');
    String lexicalParent = slash < 0 ? "" : rel.substring(0, slash);
    String base = rel.substring(slash + 1);
    Path parent = ensureDirectory(lexicalParent);
    Path path = parent.resolve(base);
    String lexicalPath = join(dest, rel);

    Map<String, Object> existing = ContainerPath.lstat(path);
    if (existing != null) {
      boolean wasDir = isDir(existing);
      boolean isDir = e.type() == TarEntry.Type.DIRECTORY;
      if (noOverwriteDirNonDir && wasDir && !isDir) {
        throw new IOException("cannot overwrite directory " + quote(lexicalPath) + " with non-directory " + quote(dest));
      }
      if (noOverwriteDirNonDir && !wasDir && isDir) {
        throw new IOException("cannot overwrite non-directory " + quote(lexicalPath) + " with directory " + quote(dest));
      }
      if (!(wasDir && isDir)) {
        deleteTree(path);
      }
    }
    create(reader, e, path, lexicalPath);
    int uid = owner == null ? e.uid() : owner.uid();
    int gid = owner == null ? e.gid() : owner.gid();
    Linux.lchown(path, uid, gid);
    io.berth.archive.Xattrs.apply(path, e.xattrs());
    boolean symlink = e.type() == TarEntry.Type.SYMLINK
        || (e.type() == TarEntry.Type.HARDLINK && Files.isSymbolicLink(path));
    if (!symlink) {
      Linux.chmod(path, e.mode() & 07777);
    }
    if (e.type() == TarEntry.Type.DIRECTORY) {
      dirTimes.add(Map.entry(path, e));
    } else if (e.type() != TarEntry.Type.HARDLINK) {
      Instant atime = e.atime() == null ? e.mtime() : e.atime();
      Linux.utimensat(path, atime, e.mtime(), true);
    }
  }

  private void create(TarReader reader, TarEntry e, Path path, String lexicalPath) throws IOException {
    switch (e.type()) {
      case DIRECTORY -> {
        if (ContainerPath.lstat(path) == null) {
          Files.createDirectory(path);
        }
      }
      case FILE -> {
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS)) {
          int n;
          while ((n = reader.read(buffer, 0, buffer.length)) > 0) {
            ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
            while (bb.hasRemaining()) {
              out.write(bb);
            }
          }
        }
      }
      case HARDLINK -> {
        String target = ContainerPath.clean(dest + "/" + e.linkName());
        if (!within(target)) {
          throw new BreakoutException("invalid hardlink " + quote(target) + " -> " + quote(e.linkName()));
        }
        Files.createLink(path, SecurePath.joinNoFollow(root, target));
      }
      case SYMLINK -> {
        String parentPath = lexicalPath.substring(0, lexicalPath.lastIndexOf('/') + 1);
        String target = ContainerPath.clean(parentPath + "/" + e.linkName());
        if (!within(target)) {
          throw new BreakoutException("invalid symlink " + quote(lexicalPath) + " -> " + quote(e.linkName()));
        }
        Linux.symlink(e.linkName(), path);
      }
      case CHAR_DEVICE -> Linux.mknod(path, Linux.S_IFCHR | (e.mode() & 07777), Linux.makedev(e.devMajor(), e.devMinor()));
      case BLOCK_DEVICE -> Linux.mknod(path, Linux.S_IFBLK | (e.mode() & 07777), Linux.makedev(e.devMajor(), e.devMinor()));
      case FIFO -> Linux.mknod(path, Linux.S_IFIFO | (e.mode() & 07777), 0);
    }
  }

  /** The parent of an entry, resolved inside the container root; missing components made 0755 root:root. */
  private Path ensureDirectory(String lexicalParent) throws IOException {
    String resolved = "/" + root.relativize(SecurePath.join(root, join(dest, lexicalParent)));
    Path p = root;
    for (String part : resolved.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      p = p.resolve(part);
      Map<String, Object> st = ContainerPath.lstat(p);
      if (st == null) {
        Files.createDirectory(p);
        Linux.lchown(p, 0, 0);
        Linux.chmod(p, 0755);
      } else if (!isDir(st)) {
        throw new ErrnoException("mkdir", resolved, Linux.ENOTDIR);
      }
    }
    return p;
  }

  /** The entry name cleaned and relative to the destination ("" for "."), or null when it climbs above it. */
  static String relativeName(String name) {
    String cleaned = ContainerPath.clean("/" + name);
    if (name.startsWith("/")) {
      return cleaned.substring(1); // absolute names are relative to the destination; ".." stops at it (Go's Clean)
    }
    boolean climbs = false;
    int depth = 0;
    for (String part : name.split("/")) {
      if (part.equals("..")) {
        if (--depth < 0) {
          climbs = true;
          break;
        }
      } else if (!part.isEmpty() && !part.equals(".")) {
        depth++;
      }
    }
    return climbs ? null : cleaned.substring(1);
  }

  private boolean within(String abs) {
    return dest.equals("/") || abs.equals(dest) || abs.startsWith(dest + "/");
  }

  private static String join(String dir, String rel) {
    if (rel.isEmpty()) {
      return dir;
    }
    return dir.endsWith("/") ? dir + rel : dir + "/" + rel;
  }

  private static boolean isDir(Map<String, Object> st) {
    return ((int) st.get("mode") & Linux.S_IFMT) == Linux.S_IFDIR;
  }

  /** Deletes a path and, for a real directory, what is under it; never follows a symlink. */
  static void deleteTree(Path path) throws IOException {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    if (!attrs.isDirectory()) {
      unlink(path);
      return;
    }
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
        unlink(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        if (exc != null) {
          throw exc;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Files.delete, failing in Go's words as dockerd's untar does ("unlinkat /etc/hosts: device or resource busy"). */
  private static void unlink(Path path) throws IOException {
    try {
      Files.delete(path);
    } catch (java.nio.file.FileSystemException e) {
      if (e instanceof NoSuchFileException || e.getReason() == null) {
        throw e;
      }
      String reason = e.getReason();
      throw new IOException("unlinkat " + path + ": " + Character.toLowerCase(reason.charAt(0)) + reason.substring(1), e);
    }
  }

  /** Go's %q for plain paths. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
