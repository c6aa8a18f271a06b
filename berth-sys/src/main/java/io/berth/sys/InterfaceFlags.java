package io.berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A network interface brought up with SIOCGIFFLAGS/SIOCSIFFLAGS on a socket of the calling thread's network
 * namespace: run it through {@link NetNamespace#call} for another namespace (a container's loopback, without
 * a plugin process).
 */
@SuppressWarnings("restricted") // FFM downcalls; run with --enable-native-access
public final class InterfaceFlags {
  private static final int AF_INET = 2;
  private static final int SOCK_DGRAM_CLOEXEC = 2 | 0x80000;
  private static final long SIOCGIFFLAGS = 0x8913;
  private static final long SIOCSIFFLAGS = 0x8914;
  private static final short IFF_UP = 0x1;
  private static final int IFNAMSIZ = 16;
  private static final int IFREQ_SIZE = 40; // struct ifreq: the name, then a 24-byte union (ifr_flags first)

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final MethodHandle SOCKET = libc("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT,
      JAVA_INT));
  private static final MethodHandle IOCTL = libc("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG,
      ADDRESS), Linker.Option.firstVariadicArg(2));
  private static final MethodHandle CLOSE = libc("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

  private InterfaceFlags() {}

  private static MethodHandle libc(String name, FunctionDescriptor descriptor, Linker.Option... options) {
    MemorySegment symbol = LINKER.defaultLookup().find(name)
        .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
    Linker.Option[] all = java.util.Arrays.copyOf(options, options.length + 1);
    all[options.length] = Linker.Option.captureCallState("errno");
    return LINKER.downcallHandle(symbol, descriptor, all);
  }

  /** Sets IFF_UP on interface {@code name} of the calling thread's namespace (nothing if it is up). */
  public static void up(String name) throws ErrnoException {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    if (bytes.length >= IFNAMSIZ) {
      throw new IllegalArgumentException("interface name too long: " + name);
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
      MemorySegment ifreq = arena.allocate(IFREQ_SIZE);
      MemorySegment.copy(MemorySegment.ofArray(bytes), 0, ifreq, 0, bytes.length); // zero-terminated: allocate zeroes
      int fd = (int) call(SOCKET, state, "socket", name, AF_INET, SOCK_DGRAM_CLOEXEC, 0);
      try {
        call(IOCTL, state, "ioctl SIOCGIFFLAGS", name, fd, SIOCGIFFLAGS, ifreq);
        short flags = ifreq.get(JAVA_SHORT, IFNAMSIZ);
        if ((flags & IFF_UP) == 0) {
          ifreq.set(JAVA_SHORT, IFNAMSIZ, (short) (flags | IFF_UP));
          call(IOCTL, state, "ioctl SIOCSIFFLAGS", name, fd, SIOCSIFFLAGS, ifreq);
        }
      } finally {
        try {
          int ignored = (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
          throw Linux.rethrow(t);
        }
      }
    }
  }

  /** Calls {@code handle} with the errno capture first; a negative result is the errno's exception. */
  private static int call(MethodHandle handle, MemorySegment state, String op, String what, Object... args)
      throws ErrnoException {
    Object[] all = new Object[args.length + 1];
    all[0] = state;
    System.arraycopy(args, 0, all, 1, args.length);
    int rc;
    try {
      rc = (int) handle.invokeWithArguments(all);
    } catch (Throwable t) {
      throw Linux.rethrow(t);
    }
    if (rc < 0) {
      throw new ErrnoException(op, what, (int) ERRNO.get(state, 0L));
    }
    return rc;
  }
}
