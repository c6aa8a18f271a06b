package io.berth.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A NETLINK_ROUTE socket of the calling thread's network namespace (a socket keeps the namespace it was made
 * in): requests sent one at a time, each waited for until the kernel acknowledges it or says why not. What
 * {@code ip link/addr/route} do, without a process. Use it from one thread, then close it.
 */
public final class Netlink implements AutoCloseable {
  private static final int AF_NETLINK = 16;
  private static final int SOCK_RAW_CLOEXEC = 3 | 0x80000;
  private static final int NETLINK_ROUTE = 0;
  private static final int NLMSG_ERROR = 2;
  private static final int NLMSG_DONE = 3;
  private static final int O_RDONLY_CLOEXEC = 0x80000;
  private static final ValueLayout.OfInt NATIVE_INT = JAVA_INT.withOrder(ByteOrder.nativeOrder());
  private static final ValueLayout.OfShort NATIVE_SHORT =
      java.lang.foreign.ValueLayout.JAVA_SHORT.withOrder(ByteOrder.nativeOrder());

  private static final MethodHandle SOCKET = Libc.syscall("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle SENDTO =
      Libc.syscall("sendto", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle RECV = Libc.syscall("recv", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
  private static final MethodHandle CLOSE = Libc.syscall("close", JAVA_INT, JAVA_INT);
  private static final MethodHandle OPEN = Libc.syscall("open", JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle IF_NAMETOINDEX = Libc.syscall("if_nametoindex", JAVA_INT, ADDRESS);

  private final Arena arena = Arena.ofConfined();
  private final MemorySegment state = arena.allocate(Libc.CALL_STATE);
  private final MemorySegment buffer = arena.allocate(16384);
  /** struct sockaddr_nl of the kernel (port 0, no groups): where every request goes. */
  private final MemorySegment kernel = arena.allocate(12);
  private final int fd;
  private int seq;

  private Netlink(int fd) {
    this.fd = fd;
    kernel.set(NATIVE_SHORT, 0, (short) AF_NETLINK);
  }

  /** A route socket in the calling thread's network namespace. */
  public static Netlink open() throws ErrnoException {
    return new Netlink(Libc.checked("socket", "netlink", rc -> rc < 0,
        (a, st) -> (int) SOCKET.invokeExact(st, AF_NETLINK, SOCK_RAW_CLOEXEC, NETLINK_ROUTE)));
  }

  /**
   * Sends {@code message} and waits for its acknowledgement; a refusal is an ErrnoException saying
   * {@code op subject: strerror}, e.g. "add link veth1a2b3c4: file exists".
   */
  public void call(NetlinkMessage message, String op, String subject) throws ErrnoException {
    int mySeq = ++seq;
    byte[] bytes = message.bytes(mySeq);
    MemorySegment out = arena.allocate(bytes.length);
    MemorySegment.copy(bytes, 0, out, ValueLayout.JAVA_BYTE, 0, bytes.length);
    try {
      long sent = (long) SENDTO.invokeExact(state, fd, out, (long) bytes.length, 0, kernel, (int) kernel.byteSize());
      if (sent < 0) {
        throw new ErrnoException("send", "netlink", Libc.errno(state));
      }
      while (true) {
        long n = (long) RECV.invokeExact(state, fd, buffer, buffer.byteSize(), 0);
        if (n < 0) {
          throw new ErrnoException("recv", "netlink", Libc.errno(state));
        }
        for (long off = 0; off + NetlinkMessage.HEADER <= n; ) {
          int len = buffer.get(NATIVE_INT, off);
          int type = buffer.get(NATIVE_SHORT, off + 4) & 0xffff;
          int replySeq = buffer.get(NATIVE_INT, off + 8);
          if (len < NetlinkMessage.HEADER) {
            break;
          }
          if (replySeq == mySeq && type == NLMSG_ERROR) {
            int error = buffer.get(NATIVE_INT, off + NetlinkMessage.HEADER);
            if (error != 0) {
              throw new ErrnoException(op, subject, -error);
            }
            return;
          }
          if (replySeq == mySeq && type == NLMSG_DONE) {
            return;
          }
          off += (len + 3) & ~3;
        }
      }
    } catch (ErrnoException e) {
      throw e;
    } catch (Throwable t) {
      throw Linux.rethrow(t);
    }
  }

  /** The index of interface {@code name} in the calling thread's namespace. */
  public static int index(String name) throws ErrnoException {
    return Libc.checked("if_nametoindex", name, rc -> rc == 0,
        (a, st) -> (int) IF_NAMETOINDEX.invokeExact(st, a.allocateFrom(name, StandardCharsets.UTF_8)));
  }

  /** A file descriptor of the namespace file {@code path} (IFLA_NET_NS_FD); close it with {@link #closeFd}. */
  public static int openNamespace(Path path) throws ErrnoException {
    return Libc.checked("open", path.toString(), rc -> rc < 0, (a, st) -> (int) OPEN.invokeExact(st,
        a.allocateFrom(path.toString(), StandardCharsets.UTF_8), O_RDONLY_CLOEXEC));
  }

  public static void closeFd(int descriptor) {
    try (Arena a = Arena.ofConfined()) {
      int ignored = (int) CLOSE.invokeExact(a.allocate(Libc.CALL_STATE), descriptor);
    } catch (Throwable t) {
      throw Linux.rethrow(t);
    }
  }

  @Override
  public void close() {
    closeFd(fd);
    arena.close();
  }
}
