package io.berth.cli.cp;

import io.berth.archive.ArchivePaths;
import io.berth.common.GoPath;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** The local side's CopyInfo, as moby's CopyInfoSourcePath and CopyInfoDestinationPath work it out. */
public final class HostPaths {
  private static final int MAX_SYMLINKS = 10;

  private HostPaths() {}

  /**
   * A local source: symlinks in the parent are resolved; the last element only with
   * {@code followLink}, and then the archive keeps the name the user gave (rebase name).
   */
  public static CopyInfo source(String path, boolean followLink) throws IOException {
    String resolved;
    String rebase = "";
    if (followLink) {
      String[] r = CopyPaths.rebaseName(path, evalSymlinks(path));
      resolved = r[0];
      rebase = r[1];
    } else {
      int slash = path.lastIndexOf('/');
      String dir = path.substring(0, slash + 1);
      String base = path.substring(slash + 1);
      String resolvedDir = evalSymlinks(dir.isEmpty() ? "." : dir);
      resolved = (resolvedDir.equals("/") ? "" : resolvedDir) + "/" + base;
      if (ArchivePaths.hasTrailingPathSeparator(path) && !GoPath.base(path).equals(GoPath.base(resolved))) {
        rebase = GoPath.base(path);
      }
    }
    BasicFileAttributes a = lstat(resolved, "lstat");
    return new CopyInfo(resolved, true, a.isDirectory(), rebase);
  }

  /**
   * A local destination: a symlink at the end is followed (it may dangle: the copy creates its
   * target); when nothing is there, the parent must be an existing directory.
   */
  public static CopyInfo destination(String path) throws IOException {
    String original = path;
    BasicFileAttributes a = lstatOrNull(path);
    for (int n = 0; a != null && a.isSymbolicLink(); n++) {
      if (n > MAX_SYMLINKS) {
        throw new IOException("too many symlinks in " + original);
      }
      String target = Files.readSymbolicLink(Path.of(path)).toString();
      path = target.startsWith("/") ? target : GoPath.join(ArchivePaths.splitPathDirEntry(path)[0], target);
      a = lstatOrNull(path);
    }
    if (a != null) {
      return new CopyInfo(path, true, a.isDirectory(), "");
    }
    String parent = ArchivePaths.splitPathDirEntry(path)[0];
    BasicFileAttributes p;
    try {
      p = Files.readAttributes(Path.of(parent), BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new IOException("stat " + parent + ": no such file or directory");
    }
    if (!p.isDirectory()) {
      throw new CopyException(CopyPlan.NOT_DIRECTORY);
    }
    return CopyInfo.missing(path);
  }

  /** Go's filepath.EvalSymlinks, with Go's error text for a missing element. */
  static String evalSymlinks(String path) throws IOException {
    try {
      return Path.of(path).toRealPath().toString();
    } catch (NoSuchFileException e) {
      throw new IOException("lstat " + missingElement(path) + ": no such file or directory");
    } catch (NotDirectoryException e) {
      throw new IOException("lstat " + path + ": not a directory");
    }
  }

  private static String missingElement(String path) {
    String p = GoPath.clean(path);
    while (!p.equals("/") && !p.equals(".") && lstatOrNullQuiet(GoPath.dir(p)) == null) {
      p = GoPath.dir(p);
    }
    return p;
  }

  private static BasicFileAttributes lstat(String path, String op) throws IOException {
    try {
      if (ArchivePaths.hasTrailingPathSeparator(path)) {
        return lstatOrNull(path) instanceof BasicFileAttributes a ? a : lstat(GoPath.clean(path), op);
      }
      return Files.readAttributes(Path.of(path), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw new IOException(op + " " + path + ": no such file or directory");
    } catch (FileSystemException e) {
      throw new IOException(op + " " + path + ": " + (e.getReason() == null ? "failed" : e.getReason().toLowerCase()));
    }
  }

  /** Lstat where only "does not exist" is an answer; other failures (ENOTDIR on "file/") are errors, as in Go. */
  private static BasicFileAttributes lstatOrNull(String path) throws IOException {
    try {
      if (ArchivePaths.hasTrailingPathSeparator(path)) {
        // java.nio drops a trailing "/"; the kernel follows the link and wants a directory
        BasicFileAttributes a = Files.readAttributes(Path.of(path), BasicFileAttributes.class);
        if (!a.isDirectory()) {
          throw new IOException("lstat " + path + ": not a directory");
        }
        return a;
      }
      return Files.readAttributes(Path.of(path), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (FileSystemException e) {
      throw new IOException("lstat " + path + ": " + (e.getReason() == null ? "failed" : e.getReason().toLowerCase()));
    }
  }

  private static BasicFileAttributes lstatOrNullQuiet(String path) {
    try {
      return Files.readAttributes(Path.of(path), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }
}
