package io.berth.cli.cp;

import io.berth.common.GoPath;

import io.berth.archive.TarEntry;
import io.berth.archive.TarReader;
import io.berth.archive.Xattrs;
import io.berth.sys.Linux;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * moby's Untar with the options {@code docker cp} uses on the local side (NoLchown,
 * NoOverwriteDirNonDir, no whiteout conversion): names cleaned and kept inside the destination,
 * missing parents made 0755, an existing entry replaced unless both are directories, "." merged
 * into an existing directory without touching it, links that point outside refused, modes and
 * times from the headers, extended attributes from the headers where the filesystem and the
 * user allow them, directory times set last. Files belong to the user running the CLI.
 */
public final class HostUntar {
  private HostUntar() {}

  public static void extract(InputStream archive, String dest, UnaryOperator<String> rename) throws IOException {
    TarReader reader = new TarReader(archive);
    List<TarEntry> dirs = new ArrayList<>();
    TarEntry entry;
    while ((entry = reader.next()) != null) {
      String name = GoPath.clean(rename.apply(entry.name()));
      String parent = GoPath.join(dest, GoPath.dir(name));
      if (lstat(Path.of(parent)) == null) {
        mkdirAll(Path.of(parent));
      }
      String path = GoPath.join(dest, name);
      if (name.equals("..") || name.startsWith("../")) {
        throw new IOException("\"" + entry.name() + "\" is outside of \"" + dest + "\"");
      }
      Path target = Path.of(path);
      boolean isDir = entry.type() == TarEntry.Type.DIRECTORY;
      BasicFileAttributes existing = lstat(target);
      if (existing != null) {
        if (existing.isDirectory() && !isDir) {
          throw new IOException("cannot overwrite directory \"" + path + "\" with non-directory \"" + dest + "\"");
        }
        if (!existing.isDirectory() && isDir) {
          throw new IOException("cannot overwrite non-directory \"" + path + "\" with directory \"" + dest + "\"");
        }
        if (existing.isDirectory() && name.equals(".")) {
          continue;
        }
        if (!existing.isDirectory()) {
          Files.delete(target);
        }
      }
      create(reader, entry, target, dest);
      if (isDir) {
        dirs.add(entry.withName(path));
      }
    }
    for (TarEntry dir : dirs) {
      setTimes(Path.of(dir.name()), dir, false);
    }
  }

  private static void create(TarReader reader, TarEntry entry, Path target, String dest) throws IOException {
    switch (entry.type()) {
      case DIRECTORY -> {
        BasicFileAttributes a = lstat(target);
        if (a == null || !a.isDirectory()) {
          Files.createDirectory(target);
        }
      }
      case FILE -> {
        try (OutputStream out = Files.newOutputStream(target)) {
          reader.content().transferTo(out);
        }
      }
      case CHAR_DEVICE, BLOCK_DEVICE, FIFO -> {
        int format = switch (entry.type()) {
          case CHAR_DEVICE -> Linux.S_IFCHR;
          case BLOCK_DEVICE -> Linux.S_IFBLK;
          default -> Linux.S_IFIFO;
        };
        Linux.mknod(target, format | (entry.mode() & 07777),
            Linux.makedev(entry.devMajor(), entry.devMinor()));
      }
      case HARDLINK -> {
        String linkTarget = GoPath.join(dest, entry.linkName());
        if (!linkTarget.startsWith(dest)) {
          throw new IOException("invalid hardlink \"" + linkTarget + "\" -> \"" + entry.linkName() + "\"");
        }
        Files.createLink(target, Path.of(linkTarget));
      }
      case SYMLINK -> {
        String resolved = GoPath.join(GoPath.dir(target.toString()), entry.linkName());
        if (!resolved.startsWith(dest)) {
          throw new IOException("invalid symlink \"" + target + "\" -> \"" + entry.linkName() + "\"");
        }
        Linux.symlink(entry.linkName(), target);
      }
    }
    Xattrs.apply(target, entry.xattrs());
    boolean applyToLinkTarget = entry.type() == TarEntry.Type.HARDLINK
        && lstat(Path.of(entry.linkName())) instanceof BasicFileAttributes a && !a.isSymbolicLink();
    if (entry.type() != TarEntry.Type.SYMLINK && (entry.type() != TarEntry.Type.HARDLINK || applyToLinkTarget)) {
      Linux.chmod(target, entry.mode() & 07777);
    }
    if (entry.type() != TarEntry.Type.HARDLINK || applyToLinkTarget) {
      setTimes(target, entry, entry.type() == TarEntry.Type.SYMLINK);
    }
  }

  private static void setTimes(Path path, TarEntry entry, boolean noFollow) throws IOException {
    Instant atime = entry.atime() != null && entry.atime().isAfter(entry.mtime()) ? entry.atime() : entry.mtime();
    Linux.utimensat(path, atime, entry.mtime(), noFollow);
  }

  /** Makes the missing directories of {@code dir} with mode 0755, whatever the umask says, as moby does. */
  private static void mkdirAll(Path dir) throws IOException {
    java.util.ArrayDeque<Path> missing = new java.util.ArrayDeque<>();
    for (Path p = dir; p != null && lstat(p) == null; p = p.getParent()) {
      missing.push(p);
    }
    for (Path p : missing) {
      Files.createDirectory(p);
      Linux.chmod(p, 0755);
    }
  }

  private static BasicFileAttributes lstat(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (java.nio.file.FileSystemException e) {
      return null; // ENOTDIR on a parent: nothing there
    }
  }
}
