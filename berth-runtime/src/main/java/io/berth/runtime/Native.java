package io.berth.runtime;

import io.berth.sys.ErrnoException;
import io.berth.sys.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The few syscalls this module needs and the JDK lacks: AF_UNIX SOCK_SEQPACKET sockets (conmon's
 * attach socket) and non-blocking opens (conmon's ctl FIFO, which blocks forever in the JDK when
 * conmon is gone). Same conventions as io.berth.sys.Linux: glibc, LP64, errno captured per call.
 */
@SuppressWarnings("restricted") // FFM downcalls are the point of this class; run with --enable-native-access
final class Native {
  private Native() {
  }

  static final int AF_UNIX = 1;
  static final int SOCK_SEQPACKET = 5;
  static final int SOCK_CLOEXEC = 0x80000;
  static final int SHUT_WR = 1;
  static final int MSG_NOSIGNAL = 0x4000;
  static final int O_WRONLY = 1;
  static final int O_NONBLOCK = 0x800;
  static final int O_DIRECTORY = 0x10000;
  static final int O_CLOEXEC = 0x80000;
  static final int O_PATH = 0x200000;
  static final int EINTR = 4;
  static final int EAGAIN = 11;
  static final int ENXIO = 6;
  private static final int SUN_PATH_MAX = 108;


  private static final MethodHandle SOCKET = Libc.syscall("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle CONNECT = Libc.syscall("connect", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle RECV = Libc.syscall("recv", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
  private static final MethodHandle SEND = Libc.syscall("send", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
  private static final MethodHandle WRITE = Libc.syscall("write", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
  private static final MethodHandle SHUTDOWN = Libc.syscall("shutdown", JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle CLOSE = Libc.syscall("close", JAVA_INT, JAVA_INT);
  private static final MethodHandle OPEN = Libc.syscall("open", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);

  /** open(2) with raw flags; returns the fd. */
  static int open(String path, int flags) throws ErrnoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.CALL_STATE);
      MemorySegment cpath = arena.allocateFrom(path, StandardCharsets.UTF_8);
      while (true) {
        int fd = (int) invoke(() -> (int) OPEN.invokeExact(state, cpath, flags, 0));
        if (fd >= 0) {
          return fd;
        }
        int errno = Libc.errno(state);
        if (errno != EINTR) {
          throw new ErrnoException("open", path, errno);
        }
      }
    }
  }

  /** socket(AF_UNIX, SOCK_SEQPACKET) connected to the socket at path (any length: see connectUnix). */
  static int connectSeqpacket(String path) throws ErrnoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.CALL_STATE);
      int fd = (int) invoke(() -> (int) SOCKET.invokeExact(state, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0));
      if (fd < 0) {
        throw new ErrnoException("socket", path, Libc.errno(state));
      }
      byte[] name = path.getBytes(StandardCharsets.UTF_8);
      if (name.length >= SUN_PATH_MAX) {
        close(fd);
        throw new ErrnoException("connect", path, 36 /* ENAMETOOLONG */);
      }
      MemorySegment addr = arena.allocate(2 + SUN_PATH_MAX);
      addr.set(JAVA_SHORT, 0, (short) AF_UNIX);
      MemorySegment.copy(name, 0, addr, ValueLayout.JAVA_BYTE, 2, name.length);
      while (true) {
        int rc = (int) invoke(() -> (int) CONNECT.invokeExact(state, fd, addr, (int) addr.byteSize()));
        if (rc == 0) {
          return fd;
        }
        int errno = Libc.errno(state);
        if (errno != EINTR) {
          close(fd);
          throw new ErrnoException("connect", path, errno);
        }
      }
    }
  }

  /** recv(2) of one packet into buf; 0 at end of stream. Blocks the carrier thread. */
  static int recv(int fd, MemorySegment buf) throws ErrnoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.CALL_STATE);
      while (true) {
        long n = (long) invoke(() -> (long) RECV.invokeExact(state, fd, buf, buf.byteSize(), 0));
        if (n >= 0) {
          return (int) n;
        }
        int errno = Libc.errno(state);
        if (errno != EINTR) {
          throw new ErrnoException("recv", null, errno);
        }
      }
    }
  }

  /** send(2) of one whole packet (SEQPACKET sends are atomic); never raises SIGPIPE. */
  static void send(int fd, MemorySegment packet) throws ErrnoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.CALL_STATE);
      while (true) {
        long n = (long) invoke(() -> (long) SEND.invokeExact(state, fd, packet, packet.byteSize(), MSG_NOSIGNAL));
        if (n >= 0) {
          return;
        }
        int errno = Libc.errno(state);
        if (errno != EINTR) {
          throw new ErrnoException("send", null, errno);
        }
      }
    }
  }

  /** write(2) of all bytes (a FIFO write of under PIPE_BUF bytes is atomic). */
  static void write(int fd, byte[] bytes) throws ErrnoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.CALL_STATE);
      MemorySegment buf = arena.allocate(Math.max(1, bytes.length));
      MemorySegment.copy(bytes, 0, buf, ValueLayout.JAVA_BYTE, 0, bytes.length);
      long off = 0;
      while (off < bytes.length) {
        MemorySegment rest = buf.asSlice(off, bytes.length - off);
        long n = (long) invoke(() -> (long) WRITE.invokeExact(state, fd, rest, rest.byteSize()));
        if (n < 0) {
          int errno = Libc.errno(state);
          if (errno == EINTR) {
            continue;
          }
          throw new ErrnoException("write", null, errno);
        }
        off += n;
      }
    }
  }

  static void shutdown(int fd, int how) throws ErrnoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.CALL_STATE);
      int rc = (int) invoke(() -> (int) SHUTDOWN.invokeExact(state, fd, how));
      if (rc < 0) {
        throw new ErrnoException("shutdown", null, Libc.errno(state));
      }
    }
  }

  /** close(2); errors are ignored: the descriptor is gone either way on Linux. */
  static void close(int fd) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.CALL_STATE);
      invoke(() -> (int) CLOSE.invokeExact(state, fd));
    }
  }

  @FunctionalInterface
  private interface Call {
    Object call() throws Throwable;
  }

  /** Downcalls throw nothing checked; anything else is a linkage bug. */
  private static Object invoke(Call call) {
    try {
      return call.call();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
