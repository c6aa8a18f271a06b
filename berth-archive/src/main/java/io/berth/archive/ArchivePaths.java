package io.berth.archive;

import io.berth.common.GoPath;

/**
 * moby's archive path helpers, which {@code docker cp} applies on both sides (the CLI to local paths, dockerd's
 * container.ResolvePath to container paths): a trailing "/" or "/." is meaningful, it asserts a directory, and
 * "/." means "the contents of".
 */
public final class ArchivePaths {
  private ArchivePaths() {
  }

  public static boolean hasTrailingPathSeparator(String path) {
    return !path.isEmpty() && path.endsWith("/");
  }

  public static boolean specifiesCurrentDir(String path) {
    return GoPath.base(path).equals(".");
  }

  /** A trailing "/" or "/." says the path must be a directory. */
  public static boolean assertsDirectory(String path) {
    return hasTrailingPathSeparator(path) || specifiesCurrentDir(path);
  }

  /** Puts back the trailing "/." or "/" of {@code original} that cleaning removed. */
  public static String preserveTrailingDotOrSeparator(String cleaned, String original) {
    if (!specifiesCurrentDir(cleaned) && specifiesCurrentDir(original)) {
      if (!hasTrailingPathSeparator(cleaned)) {
        cleaned += "/";
      }
      cleaned += ".";
    }
    if (!hasTrailingPathSeparator(cleaned) && hasTrailingPathSeparator(original)) {
      cleaned += "/";
    }
    return cleaned;
  }

  /** SplitPathDirEntry: the parent and the entry, keeping "." as the entry of "dir/.". */
  public static String[] splitPathDirEntry(String path) {
    String cleaned = GoPath.clean(path);
    if (specifiesCurrentDir(path)) {
      cleaned += "/.";
    }
    return new String[] {GoPath.dir(cleaned), GoPath.base(cleaned)};
  }
}
