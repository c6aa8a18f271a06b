package io.berth.cli.cp;

import static io.berth.archive.ArchivePaths.hasTrailingPathSeparator;
import static io.berth.archive.ArchivePaths.preserveTrailingDotOrSeparator;
import static io.berth.archive.ArchivePaths.specifiesCurrentDir;
import static io.berth.common.GoPath.base;
import static io.berth.common.GoPath.clean;
import static io.berth.common.GoPath.join;

/**
 * The CLI's own path arithmetic of {@code docker cp}: its arguments, local paths made absolute, and the
 * rebase name after a followed symlink; moby's archive helpers they build on are {@link
 * io.berth.archive.ArchivePaths}.
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
