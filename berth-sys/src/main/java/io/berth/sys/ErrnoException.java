package io.berth.sys;

import java.io.IOException;

/**
 * A failed system call: carries the errno so callers can react to specific failures
 * (ENODATA, ENOTSUP, EEXIST...), and a message in Go's style ("op path: strerror"),
 * which is what Docker prints for the same failures.
 */
public final class ErrnoException extends IOException {
  private final int errno;
  private final String operation;
  private final String path;

  public ErrnoException(String operation, String path, int errno) {
    super(operation + (path == null ? "" : " " + path) + ": " + Linux.strerror(errno));
    this.errno = errno;
    this.operation = operation;
    this.path = path;
  }

  public int errno() {
    return errno;
  }

  public String operation() {
    return operation;
  }

  /** The path the call was about, or null. */
  public String path() {
    return path;
  }
}
