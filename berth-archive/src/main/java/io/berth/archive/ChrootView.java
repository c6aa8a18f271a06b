package io.berth.archive;

import io.berth.common.GoPath;
import io.berth.sys.ErrnoException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Paths as a process chrooted into {@code root} sees them. Docker extracts archives in such a process, so its
 * errors name {@code /etc/passwd}, never the host directory that holds the layer or the container; berth
 * extracts without a chroot and rewrites its errors through this view, so that no message shows a host path
 * under the data root.
 */
public final class ChrootView {
  private final String root;

  public ChrootView(Path root) {
    this.root = root.toAbsolutePath().normalize().toString();
  }

  /** {@code hostPath} as seen from inside root; a path outside root is left as it is. */
  public String path(String hostPath) {
    if (hostPath == null || root.equals("/")) {
      return hostPath;
    }
    if (hostPath.equals(root)) {
      return "/";
    }
    if (hostPath.startsWith(root + "/")) {
      return GoPath.clean(hostPath.substring(root.length()));
    }
    return hostPath;
  }

  public String path(Path hostPath) {
    return path(hostPath.toString());
  }

  /** The same failure, its paths shown from inside root; the exception's type is kept where callers test it. */
  public IOException errors(IOException e) {
    if (root.equals("/")) {
      return e;
    }
    IOException seen = switch (e) {
      case PathError p -> p.withPaths(this::path);
      case ErrnoException x -> new ErrnoException(x.operation(), path(x.path()), x.errno());
      case NoSuchFileException x -> new NoSuchFileException(path(x.getFile()), path(x.getOtherFile()),
          x.getReason() == null ? "no such file or directory" : x.getReason());
      case FileAlreadyExistsException x ->
          new FileAlreadyExistsException(path(x.getFile()), path(x.getOtherFile()), x.getReason());
      case DirectoryNotEmptyException x -> new DirectoryNotEmptyException(path(x.getFile()));
      case AccessDeniedException x ->
          new AccessDeniedException(path(x.getFile()), path(x.getOtherFile()), x.getReason());
      case NotDirectoryException x -> new NotDirectoryException(path(x.getFile()));
      case FileSystemException x ->
          new FileSystemException(path(x.getFile()), path(x.getOtherFile()), x.getReason());
      default -> e;
    };
    if (seen != e) {
      seen.setStackTrace(e.getStackTrace());
    }
    return seen;
  }
}
