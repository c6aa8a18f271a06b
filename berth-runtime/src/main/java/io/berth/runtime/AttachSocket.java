package io.berth.runtime;

import io.berth.sys.ErrnoException;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/**
 * A client connection to conmon's attach socket (AF_UNIX SOCK_SEQPACKET, at {@code <bundle>/attach}).
 *
 * <p>conmon's protocol: every packet it sends is one read of the container's output, prefixed by one
 * byte naming the stream (2 = stdout, 3 = stderr; with a tty everything is stdout). Packets we send are
 * written to the container's stdin as they are, without prefix. Closing our write side
 * ({@link #closeStdin()}) makes conmon see end-of-stream and close the container's stdin, unless conmon
 * was started with {@code --leave-stdin-open} (Launch.stdinOnce false). When the container exits conmon
 * closes every attach connection: {@link #read()} then returns null.
 *
 * <p>Output produced while nobody is attached is not replayed here (it is in the log file), so attach
 * before {@code start} to see everything.
 *
 * <p>read() and write() block the calling OS thread inside a native call (a virtual thread would pin its
 * carrier): pump an attach socket from a platform thread.
 */
public final class AttachSocket implements ProcessStdio {
  /** conmon's stream prefixes (its stdpipe_t enum). */
  public static final int STDIN = 1;
  public static final int STDOUT = 2;
  public static final int STDERR = 3;

  /** conmon reads at most 8 KiB per packet from the container; 64 KiB leaves room for any version. */
  private static final int MAX_PACKET = 64 * 1024;
  /** conmon reads stdin packets into a buffer of 32 KiB less one (CONN_SOCK_BUF_SIZE): stay well below. */
  private static final int MAX_STDIN_PACKET = 8192;

  /** One output packet: the stream (STDOUT or STDERR) and its bytes. */
  public record Packet(int stream, byte[] data) {
  }

  private final Path path;
  private final int fd;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment readBuffer;
  private final Object writeLock = new Object();
  private volatile boolean closed;

  private AttachSocket(Path path, int fd) {
    this.path = path;
    this.fd = fd;
    this.readBuffer = arena.allocate(MAX_PACKET);
  }

  /**
   * Connects to the socket at path. The connection goes through {@code /proc/self/fd/<dir>/<name>}, so
   * paths longer than the 108 bytes of sockaddr_un work too (conmon binds its socket the same way).
   */
  public static AttachSocket open(Path path) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    int dirFd = Native.open(dir.toString(), Native.O_PATH | Native.O_DIRECTORY | Native.O_CLOEXEC);
    try {
      int fd = Native.connectSeqpacket("/proc/self/fd/" + dirFd + "/" + path.getFileName());
      return new AttachSocket(path, fd);
    } finally {
      Native.close(dirFd);
    }
  }

  public Path path() {
    return path;
  }

  /** The next output packet, or null once conmon closed the connection (the container exited). */
  public Packet read() throws IOException {
    synchronized (readBuffer) {
      if (closed) {
        return null;
      }
      int n;
      try {
        n = Native.recv(fd, readBuffer);
      } catch (ErrnoException e) {
        if (closed) {
          return null;
        }
        throw e;
      }
      if (n <= 0) {
        return null;
      }
      byte[] data = readBuffer.asSlice(1, n - 1).toArray(ValueLayout.JAVA_BYTE);
      return new Packet(readBuffer.get(ValueLayout.JAVA_BYTE, 0), data);
    }
  }

  /** Writes bytes to the container's stdin (split into packets conmon reads whole). */
  public void write(byte[] bytes, int off, int len) throws IOException {
    synchronized (writeLock) {
      try (Arena call = Arena.ofConfined()) {
        MemorySegment buf = call.allocate(Math.min(Math.max(len, 1), MAX_STDIN_PACKET));
        for (int pos = off; pos < off + len; pos += MAX_STDIN_PACKET) {
          int chunk = Math.min(MAX_STDIN_PACKET, off + len - pos);
          MemorySegment.copy(bytes, pos, buf, ValueLayout.JAVA_BYTE, 0, chunk);
          Native.send(fd, buf.asSlice(0, chunk));
        }
      }
    }
  }

  public void write(byte[] bytes) throws IOException {
    write(bytes, 0, bytes.length);
  }

  /** Half-closes the connection: conmon closes the container's stdin (unless told to leave it open). */
  public void closeStdin() throws IOException {
    synchronized (writeLock) {
      Native.shutdown(fd, Native.SHUT_WR);
    }
  }

  /**
   * Closes the connection. A thread blocked in read() is woken (shutdown first, as close alone does
   * not interrupt a blocked recv on Linux).
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Native.shutdown(fd, 2 /* SHUT_RDWR */);
    } catch (ErrnoException ignored) {
      // already disconnected
    }
    synchronized (readBuffer) {
      Native.close(fd);
      arena.close();
    }
  }

  @Override
  public String toString() {
    return "AttachSocket[" + path + "]";
  }
}
