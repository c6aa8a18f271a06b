package io.berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Runs code inside another network namespace (setns(2)) on one dedicated platform thread, which returns to
 * the daemon's own namespace after each task. Namespaces belong to threads: a socket opened there belongs to
 * the target namespace for good (how dockerd's embedded DNS server listens inside a container), while no
 * other thread of the JVM ever leaves the daemon's namespace. A virtual thread could not do this: it may move
 * between carriers between two calls.
 */
@SuppressWarnings("restricted") // FFM downcalls; run with --enable-native-access
public final class NetNamespace {
  private static final int CLONE_NEWNET = 0x40000000;
  private static final int O_RDONLY_CLOEXEC = 0x80000;

  private static final MethodHandle OPEN = Libc.syscall("open", JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle SETNS = Libc.syscall("setns", JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle CLOSE = Libc.syscall("close", JAVA_INT, JAVA_INT);

  /** One thread, made again if a switch back ever failed (such a thread must not run anything else). */
  private static volatile ExecutorService thread = newThread();

  private NetNamespace() {}

  private static ExecutorService newThread() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "netns-switcher");
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code task} with the calling thread of the task inside the network namespace {@code nsPath}. */
  public static <T> T call(Path nsPath, Callable<T> task) throws Exception {
    Future<T> f = thread.submit(() -> inside(nsPath, task));
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw e;
    }
  }

  private static <T> T inside(Path nsPath, Callable<T> task) throws Exception {
    int own = open(Path.of("/proc/thread-self/ns/net"));
    try {
      int target = open(nsPath);
      try {
        setns(target, nsPath.toString());
      } finally {
        close(target);
      }
      try {
        return task.call();
      } finally {
        try {
          setns(own, "/proc/thread-self/ns/net");
        } catch (ErrnoException e) {
          ExecutorService stuck = thread;
          thread = newThread(); // this thread stays in the container's namespace: never use it again
          stuck.shutdown();
          throw e;
        }
      }
    } finally {
      close(own);
    }
  }

  private static int open(Path path) throws ErrnoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.CALL_STATE);
      int fd;
      try {
        fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path.toString(), StandardCharsets.UTF_8),
            O_RDONLY_CLOEXEC);
      } catch (Throwable t) {
        throw Linux.rethrow(t);
      }
      if (fd < 0) {
        throw new ErrnoException("open", path.toString(), Libc.errno(state));
      }
      return fd;
    }
  }

  private static void setns(int fd, String what) throws ErrnoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.CALL_STATE);
      int rc;
      try {
        rc = (int) SETNS.invokeExact(state, fd, CLONE_NEWNET);
      } catch (Throwable t) {
        throw Linux.rethrow(t);
      }
      if (rc < 0) {
        throw new ErrnoException("setns", what, Libc.errno(state));
      }
    }
  }

  private static void close(int fd) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.CALL_STATE);
      try {
        int ignored = (int) CLOSE.invokeExact(state, fd);
      } catch (Throwable t) {
        throw Linux.rethrow(t);
      }
    }
  }
}
