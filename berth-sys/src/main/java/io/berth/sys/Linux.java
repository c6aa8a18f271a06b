package io.berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Linux system calls the JDK lacks, called through FFM (glibc on x86_64/aarch64 LP64).
 * Every method throws {@link ErrnoException} (an IOException with the errno, the path and strerror text)
 * on failure. Paths are passed to the kernel as UTF-8.
 */
@SuppressWarnings("restricted") // FFM downcalls are the point of this class; run with --enable-native-access
public final class Linux {
  private Linux() {
  }

  // mount(2) flags
  public static final long MS_RDONLY = 1;
  public static final long MS_NOSUID = 2;
  public static final long MS_NODEV = 4;
  public static final long MS_NOEXEC = 8;
  public static final long MS_SYNCHRONOUS = 16;
  public static final long MS_REMOUNT = 32;
  public static final long MS_MANDLOCK = 64;
  public static final long MS_DIRSYNC = 128;
  public static final long MS_NOSYMFOLLOW = 256;
  public static final long MS_NOATIME = 1024;
  public static final long MS_NODIRATIME = 2048;
  public static final long MS_BIND = 4096;
  public static final long MS_MOVE = 8192;
  public static final long MS_REC = 16384;
  public static final long MS_SILENT = 32768;
  public static final long MS_UNBINDABLE = 1L << 17;
  public static final long MS_PRIVATE = 1L << 18;
  public static final long MS_SLAVE = 1L << 19;
  public static final long MS_SHARED = 1L << 20;
  public static final long MS_RELATIME = 1L << 21;
  public static final long MS_STRICTATIME = 1L << 24;

  // umount2(2) flags
  public static final int MNT_FORCE = 1;
  public static final int MNT_DETACH = 2;
  public static final int MNT_EXPIRE = 4;
  public static final int UMOUNT_NOFOLLOW = 8;

  // st_mode bits
  public static final int S_IFMT = 0170000;
  public static final int S_IFSOCK = 0140000;
  public static final int S_IFLNK = 0120000;
  public static final int S_IFREG = 0100000;
  public static final int S_IFBLK = 0060000;
  public static final int S_IFDIR = 0040000;
  public static final int S_IFCHR = 0020000;
  public static final int S_IFIFO = 0010000;
  public static final int S_ISUID = 04000;
  public static final int S_ISGID = 02000;
  public static final int S_ISVTX = 01000;

  // errno values callers commonly test for
  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int EEXIST = 17;
  public static final int ENOTDIR = 20;
  public static final int EINVAL = 22;
  public static final int ERANGE = 34;
  public static final int ELOOP = 40;
  public static final int ENODATA = 61;
  public static final int ENOTSUP = 95;

  private static final int AT_FDCWD = -100;
  private static final int AT_SYMLINK_NOFOLLOW = 0x100;
  private static final long UTIME_OMIT = (1L << 30) - 2;


  private static final MethodHandle MOUNT = Libc.syscall("mount", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS);
  private static final MethodHandle UMOUNT2 = Libc.syscall("umount2", JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle DUP2 = Libc.syscall("dup2", JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle MKNOD = Libc.syscall("mknod", JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG);
  private static final MethodHandle MKFIFO = Libc.syscall("mkfifo", JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle OPEN = Libc.syscall("open", JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle CLOSE = Libc.syscall("close", JAVA_INT, JAVA_INT);
  private static final int O_WRONLY = 01;
  private static final int O_NONBLOCK = 04000;
  private static final int O_CLOEXEC = 02000000;
  private static final MethodHandle LCHOWN = Libc.syscall("lchown", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
  private static final MethodHandle FCHMODAT = Libc.syscall("fchmodat", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
  private static final MethodHandle LSETXATTR =
      Libc.syscall("lsetxattr", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT);
  private static final MethodHandle LGETXATTR = Libc.syscall("lgetxattr", JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG);
  private static final MethodHandle LLISTXATTR = Libc.syscall("llistxattr", JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG);
  private static final MethodHandle LREMOVEXATTR = Libc.syscall("lremovexattr", JAVA_INT, ADDRESS, ADDRESS);
  private static final MethodHandle UTIMENSAT = Libc.syscall("utimensat", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
  private static final MethodHandle SYMLINK = Libc.syscall("symlink", JAVA_INT, ADDRESS, ADDRESS);
  private static final MethodHandle READLINK = Libc.syscall("readlink", JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG);
  private static final MethodHandle GETUID = Libc.plain("getuid", FunctionDescriptor.of(JAVA_INT));
  private static final MethodHandle GETEUID = Libc.plain("geteuid", FunctionDescriptor.of(JAVA_INT));
  private static final MethodHandle GETEGID = Libc.plain("getegid", FunctionDescriptor.of(JAVA_INT));
  private static final MethodHandle STRERROR = Libc.plain("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

  /** mount(2). source, fstype and data may be null. */
  public static void mount(String source, Path target, String fstype, long flags, String data) throws ErrnoException {
    call("mount", target.toString(), (arena, state) -> (int) MOUNT.invokeExact(state, cString(arena, source),
        cString(arena, target.toString()), cString(arena, fstype), flags, cString(arena, data)));
  }

  /** umount2(2) with MNT_* / UMOUNT_NOFOLLOW flags. */
  public static void umount2(Path target, int flags) throws ErrnoException {
    call("umount", target.toString(),
        (arena, state) -> (int) UMOUNT2.invokeExact(state, cString(arena, target.toString()), flags));
  }

  /** mknod(2): mode holds the file type (S_IFCHR, S_IFBLK, S_IFIFO...) and permission bits (less umask). */
  public static void mknod(Path path, int mode, long dev) throws ErrnoException {
    call("mknod", path.toString(),
        (arena, state) -> (int) MKNOD.invokeExact(state, cString(arena, path.toString()), mode, dev));
  }

  /** mkfifo(3): permission bits less umask. */
  public static void mkfifo(Path path, int mode) throws ErrnoException {
    call("mkfifo", path.toString(),
        (arena, state) -> (int) MKFIFO.invokeExact(state, cString(arena, path.toString()), mode));
  }

  /**
   * Opens the FIFO for writing without blocking and closes it: a reader waiting in its open(2) returns and reads
   * end-of-file. Nothing happens when no reader is there (ENXIO) or the FIFO is gone.
   */
  public static void wakeFifoReaders(Path fifo) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.CALL_STATE);
      int fd = (int) OPEN.invokeExact(state, cString(arena, fifo.toString()), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
      if (fd >= 0) {
        int ignored = (int) CLOSE.invokeExact(state, fd);
      }
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** glibc's makedev(3): the dev_t for a device number pair. */
  public static long makedev(int major, int minor) {
    long ma = Integer.toUnsignedLong(major);
    long mi = Integer.toUnsignedLong(minor);
    return ((ma & 0x00000fffL) << 8) | ((ma & 0xfffff000L) << 32)
        | (mi & 0x000000ffL) | ((mi & 0xffffff00L) << 12);
  }

  public static int major(long dev) {
    return (int) (((dev >>> 8) & 0xfffL) | ((dev >>> 32) & 0xfffff000L));
  }

  public static int minor(long dev) {
    return (int) ((dev & 0xffL) | ((dev >>> 12) & 0xffffff00L));
  }

  /** lchown(2): changes the owner of the path itself, never of a symlink's target. */
  public static void lchown(Path path, int uid, int gid) throws ErrnoException {
    call("lchown", path.toString(),
        (arena, state) -> (int) LCHOWN.invokeExact(state, cString(arena, path.toString()), uid, gid));
  }

  /**
   * chmod(2) with all 12 mode bits (setuid, setgid, sticky included), which the JDK cannot set.
   * Follows symlinks like chmod(2): callers must not pass a symlink they do not trust.
   */
  public static void chmod(Path path, int mode) throws ErrnoException {
    call("chmod", path.toString(), (arena, state) -> (int) FCHMODAT.invokeExact(state, AT_FDCWD,
        cString(arena, path.toString()), mode & 07777, 0));
  }

  /** lsetxattr(2): sets (creating or replacing) an extended attribute on the path itself. */
  public static void lsetxattr(Path path, String name, byte[] value) throws ErrnoException {
    call("lsetxattr " + name, path.toString(), (arena, state) -> {
      MemorySegment buf = arena.allocate(Math.max(1, value.length));
      MemorySegment.copy(value, 0, buf, ValueLayout.JAVA_BYTE, 0, value.length);
      return (int) LSETXATTR.invokeExact(state, cString(arena, path.toString()), cString(arena, name), buf,
          (long) value.length, 0);
    });
  }

  /** lgetxattr(2): the value, or empty if the path has no such attribute (ENODATA). */
  public static Optional<byte[]> lgetxattr(Path path, String name) throws ErrnoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.CALL_STATE);
      MemorySegment cpath = cString(arena, path.toString());
      MemorySegment cname = cString(arena, name);
      while (true) {
        long size = getxattr(state, cpath, cname, MemorySegment.NULL, 0L);
        if (size < 0) {
          int errno = Libc.errno(state);
          if (errno == ENODATA) {
            return Optional.empty();
          }
          throw new ErrnoException("lgetxattr " + name, path.toString(), errno);
        }
        MemorySegment buf = arena.allocate(Math.max(1, size));
        long got = getxattr(state, cpath, cname, buf, size);
        if (got >= 0) {
          return Optional.of(buf.asSlice(0, got).toArray(ValueLayout.JAVA_BYTE));
        }
        int errno = Libc.errno(state);
        if (errno == ENODATA) {
          return Optional.empty();
        }
        if (errno != ERANGE) { // ERANGE: it grew between the two calls; ask again
          throw new ErrnoException("lgetxattr " + name, path.toString(), errno);
        }
      }
    }
  }

  /** llistxattr(2): the names of the path's extended attributes, in the kernel's order. */
  public static List<String> llistxattr(Path path) throws ErrnoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.CALL_STATE);
      MemorySegment cpath = cString(arena, path.toString());
      while (true) {
        long size = listxattr(state, cpath, MemorySegment.NULL, 0L);
        if (size < 0) {
          throw new ErrnoException("llistxattr", path.toString(), Libc.errno(state));
        }
        if (size == 0) {
          return List.of();
        }
        MemorySegment buf = arena.allocate(size);
        long got = listxattr(state, cpath, buf, size);
        if (got < 0) {
          int errno = Libc.errno(state);
          if (errno == ERANGE) {
            continue;
          }
          throw new ErrnoException("llistxattr", path.toString(), errno);
        }
        byte[] bytes = buf.asSlice(0, got).toArray(ValueLayout.JAVA_BYTE);
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
          if (bytes[i] == 0) {
            if (i > start) {
              names.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
            }
            start = i + 1;
          }
        }
        return names;
      }
    }
  }

  /** lremovexattr(2). */
  public static void lremovexattr(Path path, String name) throws ErrnoException {
    call("lremovexattr " + name, path.toString(), (arena, state) -> (int) LREMOVEXATTR.invokeExact(state,
        cString(arena, path.toString()), cString(arena, name)));
  }

  /**
   * utimensat(2) with nanosecond precision. A null time is left unchanged (UTIME_OMIT).
   * With nofollow the times of a symlink itself are set.
   */
  public static void utimensat(Path path, Instant atime, Instant mtime, boolean nofollow) throws ErrnoException {
    call("utimensat", path.toString(), (arena, state) -> {
      MemorySegment times = arena.allocate(JAVA_LONG, 4);
      setTimespec(times, 0, atime);
      setTimespec(times, 2, mtime);
      return (int) UTIMENSAT.invokeExact(state, AT_FDCWD, cString(arena, path.toString()), times,
          nofollow ? AT_SYMLINK_NOFOLLOW : 0);
    });
  }

  private static void setTimespec(MemorySegment times, int index, Instant t) {
    times.setAtIndex(JAVA_LONG, index, t == null ? 0 : t.getEpochSecond());
    times.setAtIndex(JAVA_LONG, index + 1, t == null ? UTIME_OMIT : t.getNano());
  }

  /** symlink(2) with the target stored byte for byte (java.nio would normalise "a//b/" to "a/b"). */
  public static void symlink(String target, Path link) throws ErrnoException {
    call("symlink " + target, link.toString(),
        (arena, state) -> (int) SYMLINK.invokeExact(state, cString(arena, target), cString(arena, link.toString())));
  }

  /** readlink(2): the target exactly as stored. */
  public static String readlink(Path link) throws ErrnoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.CALL_STATE);
      MemorySegment cpath = cString(arena, link.toString());
      for (long size = 256; ; size *= 4) {
        MemorySegment buf = arena.allocate(size);
        long got;
        try {
          got = (long) READLINK.invokeExact(state, cpath, buf, size);
        } catch (Throwable t) {
          throw rethrow(t);
        }
        if (got < 0) {
          throw new ErrnoException("readlink", link.toString(), Libc.errno(state));
        }
        if (got < size) {
          return new String(buf.asSlice(0, got).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
        }
      }
    }
  }

  /** dup2(2): makes {@code newfd} a copy of {@code oldfd}. */
  public static void dup2(int oldfd, int newfd) throws ErrnoException {
    call("dup2", "fd " + oldfd, (arena, state) -> (int) DUP2.invokeExact(state, oldfd, newfd));
  }

  public static int getuid() {
    try {
      return (int) GETUID.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int geteuid() {
    try {
      return (int) GETEUID.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int getegid() {
    try {
      return (int) GETEGID.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** strerror(3) in Go's style (lower-case first letter), as Docker's messages show it. */
  public static String strerror(int errno) {
    MemorySegment p;
    try {
      p = (MemorySegment) STRERROR.invokeExact(errno);
    } catch (Throwable t) {
      throw rethrow(t);
    }
    String text = p.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
    if (text.isEmpty() || text.startsWith("Unknown")) {
      return "errno " + errno;
    }
    return Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }

  /** Makes {@code call}; a negative result is an {@link ErrnoException} of {@code op} on {@code path}. */
  private static void call(String op, String path, Libc.IntCall call) throws ErrnoException {
    Libc.checked(op, path, rc -> rc < 0, call);
  }

  private static MemorySegment cString(Arena arena, String s) {
    return s == null ? MemorySegment.NULL : arena.allocateFrom(s, StandardCharsets.UTF_8);
  }

  private static long getxattr(MemorySegment state, MemorySegment path, MemorySegment name,
                 MemorySegment buf, long size) {
    try {
      return (long) LGETXATTR.invokeExact(state, path, name, buf, size);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private static long listxattr(MemorySegment state, MemorySegment path, MemorySegment buf, long size) {
    try {
      return (long) LLISTXATTR.invokeExact(state, path, buf, size);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Downcalls throw nothing checked; anything else is a linkage bug. */
  static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }
}
