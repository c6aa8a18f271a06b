package io.berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * An anonymous in-memory file (memfd_create(2)): a file descriptor for C APIs that only write to one,
 * read back without touching the disk or /proc.
 */
@SuppressWarnings("restricted") // FFM downcalls; run with --enable-native-access
final class MemFd implements AutoCloseable {
  private static final int MFD_CLOEXEC = 1;
  private static final int SEEK_END = 2;

  private static final MethodHandle MEMFD_CREATE = Libc.syscall("memfd_create", JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle LSEEK = Libc.syscall("lseek", JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT);
  private static final MethodHandle PREAD = Libc.syscall("pread", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG);
  private static final MethodHandle CLOSE = Libc.syscall("close", JAVA_INT, JAVA_INT);

  private final int fd;

  private MemFd(int fd) {
    this.fd = fd;
  }

  /** A new empty memfd, close-on-exec so a concurrently forked child does not inherit it. */
  static MemFd create(String name) throws ErrnoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.CALL_STATE);
      int fd;
      try {
        fd = (int) MEMFD_CREATE.invokeExact(state, arena.allocateFrom(name, StandardCharsets.UTF_8),
            MFD_CLOEXEC);
      } catch (Throwable t) {
        throw Linux.rethrow(t);
      }
      if (fd < 0) {
        throw new ErrnoException("memfd_create", name, Libc.errno(state));
      }
      return new MemFd(fd);
    }
  }

  int fd() {
    return fd;
  }

  /** Everything written so far, whatever the current offset. */
  byte[] readAll() throws ErrnoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.CALL_STATE);
      long size;
      try {
        size = (long) LSEEK.invokeExact(state, fd, 0L, SEEK_END);
      } catch (Throwable t) {
        throw Linux.rethrow(t);
      }
      if (size < 0) {
        throw new ErrnoException("lseek", "memfd", Libc.errno(state));
      }
      MemorySegment buf = arena.allocate(Math.max(1, size));
      long done = 0;
      while (done < size) {
        long got;
        try {
          got = (long) PREAD.invokeExact(state, fd, buf.asSlice(done), size - done, done);
        } catch (Throwable t) {
          throw Linux.rethrow(t);
        }
        if (got < 0) {
          throw new ErrnoException("pread", "memfd", Libc.errno(state));
        }
        if (got == 0) {
          break; // cannot shrink under us: nobody else has the fd
        }
        done += got;
      }
      return buf.asSlice(0, done).toArray(JAVA_BYTE);
    }
  }

  /** close(2) on a memfd has nothing to flush and cannot lose data, so its result is not checked. */
  @Override
  public void close() {
    try (Arena arena = Arena.ofConfined()) {
      int ignored = (int) CLOSE.invokeExact(arena.allocate(Libc.CALL_STATE), fd);
    } catch (Throwable t) {
      throw Linux.rethrow(t);
    }
  }
}
