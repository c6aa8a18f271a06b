package io.berth.cli.cp;

import static io.berth.common.GoPath.base;
import static io.berth.common.GoPath.clean;
import static io.berth.common.GoPath.dir;
import static io.berth.common.GoPath.join;

/**
 * The path arithmetic of {@code docker cp}: Go's {@code path/filepath} functions (Clean, Base, Dir,
 * Join) and moby's archive helpers built on them (trailing "/" and "/." are meaningful: they assert
 * a directory, and "/." means "the contents of").
 */
public final class CopyPaths {
  private CopyPaths() {}

  /** A {@code cp} argument: a container path when {@code container} is non-null, else a local path. */
  public record CpArg(String container, String path) {}

  /**
   * Docker's splitCpArg: an absolute path is local; otherwise the part before the first ":" names a
   * container, unless there is no ":" or it starts with "." (an explicit local path like ./a:b).
   */
  public static CpArg splitCpArg(String arg) {
    if (arg.startsWith("/")) {
      return new CpArg(null, arg);
    }
    int colon = arg.indexOf(':');
    if (colon < 0 || arg.startsWith(".")) {
      return new CpArg(null, arg);
    }
    String container = arg.substring(0, colon);
    return container.isEmpty() ? new CpArg(null, arg) : new CpArg(container, arg.substring(colon + 1));
  }

  public static boolean hasTrailingPathSeparator(String path) {
    return !path.isEmpty() && path.endsWith("/");
  }

  public static boolean specifiesCurrentDir(String path) {
    return base(path).equals(".");
  }

  /** A trailing "/" or "/." says the destination must be a directory. */
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

  /** moby's SplitPathDirEntry: the parent and the entry, keeping "." as the entry of "dir/.". */
  public static String[] splitPathDirEntry(String path) {
    String cleaned = clean(path);
    if (specifiesCurrentDir(path)) {
      cleaned += "/.";
    }
    return new String[] {dir(cleaned), base(cleaned)};
  }

  /**
   * moby's GetRebaseName: after a symlink in {@code path} resolved to {@code resolved}, keeps the
   * trailing "/." or "/" and returns the name archive entries must take ("" when unchanged).
   */
  public static String[] rebaseName(String path, String resolved) {
    if (specifiesCurrentDir(path) && !specifiesCurrentDir(resolved)) {
      resolved += "/.";
    }
    if (hasTrailingPathSeparator(path) && !hasTrailingPathSeparator(resolved)) {
      resolved += "/";
    }
    String rebase = base(path).equals(base(resolved)) ? "" : base(path);
    return new String[] {resolved, rebase};
  }

  /** Go's filepath.Abs against {@code cwd}, keeping a trailing "/" or "/." as the CLI does. */
  public static String resolveLocal(String path, String cwd) {
    String abs = path.startsWith("/") ? clean(path) : join(cwd, path);
    return preserveTrailingDotOrSeparator(abs, path);
  }




}
