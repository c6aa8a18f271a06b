package io.berth.runtime;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code berth-exec serve}: one long-lived berth-exec that forks a berth-exec per session, each of which
 * connects back over a Unix socket in a private directory. berthd thus starts and reaps no process per exec
 * (a health check makes one a second per container): a JVM process start costs a spawn helper, pipes and a
 * reaper thread's wait, several times what the fork in a small C program costs. A connection is matched to
 * its request by a random token; one that brings none pending is dropped.
 */
final class ForkServer implements java.io.Closeable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int TOKEN = 16;

  /** A berth-exec forked for one session: its pid, and the connection that is its stdin and stdout. */
  record Forked(long pid, SocketChannel channel) {
    /**
     * The connection's input. Straight on the channel (not Channels.newInputStream, whose reads may hold
     * the lock its writes need): a read waiting for output must not hold up stdin.
     */
    java.io.InputStream input() {
      return new io.berth.common.BulkInputStream() {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (len == 0) {
            return 0;
          }
          return channel.read(ByteBuffer.wrap(b, off, len));
        }
      };
    }

    /** The connection's output. */
    OutputStream output() {
      return io.berth.common.BulkOutputStream.of(channel, channel);
    }

    /** Kills the berth-exec (and so its session) and drops the connection. */
    void destroy() {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      try {
        channel.close();
      } catch (IOException ignored) {
        // gone already
      }
    }

    boolean isAlive() {
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
  }

  private static final String SOCKET = "launcher.sock";
  /** sun_path holds 108 bytes with its NUL; a longer path goes to a private temporary directory. */
  private static final int MAX_SOCKET_PATH = 107;

  private final Path binary;
  private final Path temporary; // the socket's own directory, or null when it sits in the caller's
  private final Path socket;
  private final ServerSocketChannel listener;
  private final Map<String, CompletableFuture<Forked>> pending = new ConcurrentHashMap<>();
  private Process server; // guarded by this
  private OutputStream requests; // guarded by this
  private boolean closed; // guarded by this

  /**
   * @param dir where the socket goes (as {@value #SOCKET}, replacing one a previous berthd left), so that a
   *            kill -9 leaves nothing elsewhere; null, or too long a path: a private temporary directory
   */
  ForkServer(Path binary, Path dir) throws IOException {
    this.binary = binary;
    Path inDir = dir == null ? null : dir.toAbsolutePath().resolve(SOCKET);
    if (inDir != null && inDir.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH) {
      Files.createDirectories(dir);
      Files.deleteIfExists(inDir);
      this.temporary = null;
      this.socket = inDir;
    } else {
      this.temporary = Files.createTempDirectory("berth-exec"); // mode 0700: only this user connects
      this.socket = temporary.resolve(SOCKET);
    }
    this.listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    listener.bind(UnixDomainSocketAddress.of(socket));
    Thread.ofVirtual().name("berth-exec connections").start(this::accept);
  }

  /** A new berth-exec, connected; fails when none connects within {@code timeout}. */
  Forked fork(Duration timeout) throws IOException {
    byte[] token = new byte[TOKEN];
    RANDOM.nextBytes(token);
    String key = HexFormat.of().formatHex(token);
    CompletableFuture<Forked> forked = new CompletableFuture<>();
    pending.put(key, forked);
    try {
      request(token);
      return forked.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IOException("exec launcher " + binary + " did not fork within " + timeout.toSeconds() + "s");
    } catch (ExecutionException e) {
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while starting an exec launcher");
    } finally {
      pending.remove(key);
    }
  }

  /** Hands the server a request, starting it first when it is not running (or died). */
  private synchronized void request(byte[] token) throws IOException {
    if (closed) {
      throw new IOException("exec launcher closed");
    }
    for (int attempt = 0; ; attempt++) {
      if (server == null || !server.isAlive()) {
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "serve", socket.toString());
        pb.environment().clear();
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        server = pb.start();
        requests = server.getOutputStream();
      }
      try {
        requests.write(token);
        requests.flush();
        return;
      } catch (IOException e) {
        server.destroyForcibly();
        server = null;
        if (attempt > 0) {
          throw e;
        }
      }
    }
  }

  private void accept() {
    try {
      while (true) {
        SocketChannel channel = listener.accept();
        Thread.ofVirtual().start(() -> greet(channel));
      }
    } catch (IOException e) {
      // closed
    }
  }

  /** Reads a new connection's token and pid, and gives it to the request that waits for it. */
  private void greet(SocketChannel channel) {
    try {
      ByteBuffer hello = ByteBuffer.allocate(TOKEN + 4);
      while (hello.hasRemaining()) {
        if (channel.read(hello) < 0) {
          channel.close();
          return;
        }
      }
      String key = HexFormat.of().formatHex(hello.array(), 0, TOKEN);
      long pid = Integer.toUnsignedLong(hello.getInt(TOKEN));
      CompletableFuture<Forked> waiting = pending.remove(key);
      if (waiting == null || !waiting.complete(new Forked(pid, channel))) {
        channel.close(); // too late, or not ours: the berth-exec sees its input end and exits
      }
    } catch (IOException e) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // gone already
      }
    }
  }

  /** Ends the server (its stdin closes) and the listener. Sessions run on. */
  @Override
  public synchronized void close() {
    closed = true;
    if (server != null) {
      server.destroy();
      server = null;
    }
    try {
      listener.close();
      Files.deleteIfExists(socket);
      if (temporary != null) {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException ignored) {
      // a temporary directory
    }
  }
}
