package io.berth.engine.container;

import io.berth.archive.ArchivePaths;
import io.berth.archive.SecurePath;
import io.berth.common.GoPath;
import io.berth.sys.ErrnoException;
import io.berth.sys.Linux;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * A path the API was given, resolved inside a container's root filesystem the way dockerd's
 * container.ResolvePath does: the path is taken as absolute in the container; its directory part
 * is resolved following every symlink as the container would see it (never leaving the root);
 * its last element is kept as is, so a symlink there is reported and archived as a symlink. A
 * trailing "/" or "/." (kept from the request) makes the last element a directory that is followed.
 *
 * @param absPath  the cleaned absolute path in the container, trailing "/" or "/." preserved
 * @param resolved the host path under the root it designates (the root or below, parents free of symlinks)
 */
public record ContainerPath(Path root, String absPath, Path resolved) {

  public static ContainerPath resolve(Path root, String path) throws IOException {
    String abs = ArchivePaths.preserveTrailingDotOrSeparator(GoPath.clean("/" + path), path);
    int slash = abs.lastIndexOf('/');
    String dir = abs.substring(0, slash + 1);
    String base = abs.substring(slash + 1);
    Path resolvedDir = SecurePath.join(root, dir);
    Path resolved = base.isEmpty() || base.equals(".") ? resolvedDir : resolvedDir.resolve(base);
    return new ContainerPath(root, abs, resolved);
  }

  /** True when the request named a directory explicitly ("dir/" or "dir/."). */
  public boolean assertsDirectory() {
    return ArchivePaths.assertsDirectory(absPath);
  }

  /** Go's filepath.Base of the absolute path: the name the archive's top entry gets. */
  public String baseName() {
    return GoPath.base(absPath);
  }

  /** The path relative to the root, "" for the root itself. */
  public String relative() {
    return root.relativize(resolved).toString();
  }

  /**
   * Docker's StatPath: lstat of the resolved path; for a symlink the target it finally resolves to
   * in the container. Missing: {@link NoSuchFileException}; a file named with a trailing "/":
   * "not a directory".
   */
  public PathStat stat() throws IOException {
    Map<String, Object> st = lstat(resolved);
    if (st == null) {
      throw new NoSuchFileException(absPath);
    }
    int mode = (int) st.get("mode");
    if (assertsDirectory() && (mode & Linux.S_IFMT) != Linux.S_IFDIR) {
      throw new IOException("lstat " + absPath + ": not a directory");
    }
    String linkTarget = "";
    if ((mode & Linux.S_IFMT) == Linux.S_IFLNK) {
      linkTarget = "/" + root.relativize(SecurePath.join(root, absPath));
    }
    long size = (long) st.get("size");
    return new PathStat(baseName(), size, PathStat.goMode(mode), ((FileTime) st.get("lastModifiedTime")).toInstant(),
        linkTarget);
  }

  /** Null when the path does not exist (or a parent is not a directory, as Docker's IsNotExist sees ENOTDIR: no). */
  static Map<String, Object> lstat(Path p) throws IOException {
    try {
      return Files.readAttributes(p, "unix:mode,size,lastModifiedTime,uid,gid", LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (FileSystemException e) {
      if ("Not a directory".equals(e.getReason())) {
        throw new ErrnoException("lstat", p.toString(), Linux.ENOTDIR);
      }
      throw e;
    }
  }
}
