package io.berth.runtime;

import io.berth.sys.Linux;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts a container {@code runc create} made, as {@code runc start} does, without a runc process: runc's init
 * waits in its open of {@code <state>/exec.fifo} for writing until a reader comes; the start opens it for
 * reading, reads the byte init writes before it execs the user's process, and removes the FIFO (runc reports
 * "created" while it exists, "running" after). That saves a process start on every container start (about
 * 10 ms here). runc only: crun's FIFO works the other way round.
 */
final class RuncStart {
  static final String FIFO = "exec.fifo";
  private static final long POLL_MILLIS = 100; // as runc: how often a start that waits checks that init lives

  private RuncStart() {}

  /**
   * Releases the init of the container whose runc state directory is {@code stateDir}. Returns false when
   * this cannot be done here (no FIFO, init gone, nothing written): {@code runc start} then says why.
   */
  static boolean release(Path stateDir, int initPid) throws IOException {
    Path fifo = stateDir.resolve(FIFO);
    if (initPid <= 0 || !Files.exists(fifo)) {
      return false;
    }
    CompletableFuture<byte[]> read = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try (InputStream in = Files.newInputStream(fifo, StandardOpenOption.READ)) {
        read.complete(in.readAllBytes());
      } catch (IOException e) {
        read.completeExceptionally(e);
      }
    });
    byte[] written;
    try {
      written = awaitWhileAlive(read, fifo, initPid);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof NoSuchFileException) {
        return false; // another start took it
      }
      throw new IOException("reading " + fifo + ": " + e.getCause().getMessage(), e.getCause());
    }
    if (written == null || written.length == 0) {
      return false;
    }
    Files.deleteIfExists(fifo);
    return true;
  }

  private static byte[] awaitWhileAlive(CompletableFuture<byte[]> read, Path fifo, int initPid)
      throws IOException, ExecutionException {
    while (true) {
      try {
        return read.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (!alive(initPid)) {
          unblock(fifo); // the reader's open waits for a writer that will never come
          read.join();
          return null;
        }
      } catch (InterruptedException e) {
        unblock(fifo);
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while starting the container");
      }
    }
  }

  /** A reader waiting in its open of the FIFO returns, with nothing read. */
  private static void unblock(Path fifo) {
    Linux.wakeFifoReaders(fifo);
  }

  /** Whether the process exists and is not a zombie. */
  static boolean alive(int pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
      int close = stat.lastIndexOf(')');
      return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }
}
