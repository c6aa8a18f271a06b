package io.berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Real containers for tests: a scratch directory holding the runtime state, the exit directory and one
 * busybox bundle per container, all under one cgroup parent; close() deletes containers, kills conmons,
 * removes the cgroups and the directory.
 */
final class Sandbox implements AutoCloseable {
  static final Path BUSYBOX = Path.of("/bin/busybox");

  final Path root;
  final Path exitDir;
  final String cgroupParent;
  final OciRuntimeClient runtime;
  final Conmon conmon;
  private final List<String> ids = new ArrayList<>();

  Sandbox() throws IOException {
    String token = UUID.randomUUID().toString().substring(0, 8);
    root = Files.createTempDirectory("berth-rt-");
    exitDir = root.resolve("exits");
    cgroupParent = "/berth-test-" + token;
    runtime = new OciRuntimeClient(new OciRuntime("runc", Path.of("/usr/sbin/runc")), root.resolve("runc-state"));
    conmon = Conmon.installed().orElseThrow(() -> new IllegalStateException("conmon is not installed"));
  }

  /** A fresh id (no dots) registered for cleanup. */
  String newId(String prefix) {
    String id = prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    ids.add(id);
    return id;
  }

  /** Writes a busybox bundle and returns the Launch for it. */
  Launch prepare(String id, List<String> args, boolean tty, boolean openStdin, boolean stdinOnce, long logSizeMax)
      throws IOException {
    Path dir = root.resolve("containers").resolve(id);
    MinimalBundle.create(dir.resolve("bundle"), BUSYBOX, args, tty, cgroupParent + "/" + id);
    return new Launch(id, dir.resolve("bundle"), runtime, tty, openStdin, stdinOnce,
        dir.resolve("ctr.log"), logSizeMax, exitDir, dir.resolve("userdata"));
  }

  /** Launches the prepared container under conmon and starts it. */
  ContainerProcess launchAndStart(Launch spec) throws IOException {
    ContainerProcess p = conmon.launch(spec);
    runtime.start(spec.id(), runtime.state(spec.id()).pid());
    return p;
  }

  /** Polls the exit file until it appears. */
  int awaitExit(String id, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      OptionalInt code = ExitFiles.read(exitDir, id);
      if (code.isPresent()) {
        return code.getAsInt();
      }
      Thread.sleep(20);
    }
    fail("no exit file for " + id + " within " + timeout);
    return -1;
  }

  static void awaitGone(int pid, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        Thread.sleep(20);
      } else {
        return;
      }
    }
    fail("process " + pid + " still alive after " + timeout);
  }

  @Override
  public void close() throws IOException {
    for (String id : ids) {
      Path persist = root.resolve("containers").resolve(id).resolve("userdata");
      OptionalInt conmonPid = Conmon.readPid(persist.resolve("conmon.pid"));
      if (conmonPid.isPresent() && Conmon.isConmonFor(conmonPid.getAsInt(), id)) {
        ProcessHandle.of(conmonPid.getAsInt()).ifPresent(ProcessHandle::destroyForcibly);
      }
      try {
        runtime.delete(id, true);
      } catch (IOException ignored) {
        // already gone
      }
    }
    // The kernel frees a cgroup only once its last process is reaped: retry for a moment.
    boolean removed = false;
    for (int i = 0; i < 50 && !removed; i++) {
      removed = Cgroups.removeTree(cgroupParent);
      if (!removed) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    io.berth.common.AtomicFiles.deleteTree(root);
    if (!removed) {
      throw new IllegalStateException("cgroup " + cgroupParent + " could not be removed");
    }
  }
}
