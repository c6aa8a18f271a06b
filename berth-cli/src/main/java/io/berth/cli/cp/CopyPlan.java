package io.berth.cli.cp;

import io.berth.archive.ArchivePaths;

/**
 * moby's PrepareArchiveCopy decision: where the archive of {@code src} is extracted so that it lands
 * at {@code dst}, and how its top entry must be renamed on the way.
 *
 * @param extractDir the directory to extract into
 * @param renameFrom the archive's top name to replace, or null when the archive goes in unchanged
 * @param renameTo   the name that replaces it
 */
public record CopyPlan(String extractDir, String renameFrom, String renameTo) {
  /** moby's ErrCannotCopyDir, ErrDirNotExists, ErrNotDirectory: Docker prints them as they are. */
  public static final String CANNOT_COPY_DIR = "cannot copy directory";
  public static final String DIR_NOT_EXISTS = "no such directory";
  public static final String NOT_DIRECTORY = "not a directory";

  /** Decides the copy; throws {@link CopyException} for a directory onto a file or a file into a missing directory. */
  public static CopyPlan of(CopyInfo src, CopyInfo dst) {
    String[] dstSplit = ArchivePaths.splitPathDirEntry(dst.path());
    String srcBase = ArchivePaths.splitPathDirEntry(src.path())[1];
    if (!src.rebaseName().isEmpty()) {
      srcBase = src.rebaseName();
    }
    if (dst.exists() && dst.isDir()) {
      return new CopyPlan(dst.path(), null, null); // extract straight into the directory
    }
    if (dst.exists() && src.isDir()) {
      throw new CopyException(CANNOT_COPY_DIR);
    }
    if (!dst.exists() && !src.isDir() && ArchivePaths.assertsDirectory(dst.path())) {
      throw new CopyException(DIR_NOT_EXISTS);
    }
    // A file over a file, a directory to a new name, or a file to a new name: the entry takes the destination's name.
    return new CopyPlan(dstSplit[0], srcBase, dstSplit[1]);
  }

  public boolean renames() {
    return renameFrom != null;
  }
}
