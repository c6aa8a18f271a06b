package io.berth.archive;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A failed file operation in Go's words, as Docker reports it: {@code "op path: reason"} (os.PathError) or,
 * for a link, {@code "link old new: reason"} (os.LinkError). The paths are kept apart so that
 * {@link ChrootView} can show them as a process chrooted into the extraction root would.
 */
final class PathError extends IOException {
  private final String op;
  private final List<String> paths;
  private final String reason;

  PathError(String op, List<String> paths, String reason, Throwable cause) {
    super(op + " " + String.join(" ", paths) + ": " + reason, cause);
    this.op = op;
    this.paths = List.copyOf(paths);
    this.reason = reason;
  }

  /** Java's exception for {@code op} on {@code paths} in Go's words (its reason is strerror, capitalized). */
  static IOException of(String op, FileSystemException e, String... paths) {
    String reason = switch (e) { // Java leaves the reason out where the type tells it
      case NoSuchFileException _ -> "no such file or directory";
      case FileAlreadyExistsException _ -> "file exists";
      case AccessDeniedException _ -> "permission denied";
      case DirectoryNotEmptyException _ -> "directory not empty";
      default -> e.getReason() == null || e.getReason().isEmpty() ? null
          : Character.toLowerCase(e.getReason().charAt(0)) + e.getReason().substring(1);
    };
    return reason == null ? e : new PathError(op, List.of(paths), reason, e);
  }

  PathError withPaths(UnaryOperator<String> view) {
    return new PathError(op, paths.stream().map(view).toList(), reason, getCause());
  }
}
