package io.berth.engine.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Freezes a container's processes through its cgroup (cgroupfs layout {@code berth/<id>}, as
 * {@link CgroupMetrics} reads it): v1's freezer.state, v2's cgroup.freeze. berthd uses it around
 * {@code cp}, so that no process of the container can swap a path for a symlink while berthd works on
 * it (the symlink-exchange race of CVE-2018-15664; Podman pauses the same way). User-visible pausing
 * ({@code docker pause}) goes through the runtime instead and is recorded in the container's state.
 */
final class CgroupFreezer {
  private static final Path ROOT = io.berth.runtime.Cgroups.ROOT;
  private static final boolean V2 = io.berth.runtime.Cgroups.unified();
  private static final int WAIT_MS = 2_000;

  private CgroupFreezer() {}

  /** Freezes the container's processes and returns once all are frozen. */
  static void freeze(String id) throws IOException {
    if (V2) {
      Path dir = ROOT.resolve(CgroupMetrics.cgroupPath(id));
      Files.writeString(dir.resolve("cgroup.freeze"), "1");
      await(dir.resolve("cgroup.events"), "frozen 1", id);
    } else {
      Path state = ROOT.resolve("freezer").resolve(CgroupMetrics.cgroupPath(id)).resolve("freezer.state");
      Files.writeString(state, "FROZEN");
      await(state, "FROZEN", id);
    }
  }

  /** Lets the container's processes run again (harmless when they are not frozen). */
  static void thaw(String id) throws IOException {
    if (V2) {
      Files.writeString(ROOT.resolve(CgroupMetrics.cgroupPath(id)).resolve("cgroup.freeze"), "0");
    } else {
      Files.writeString(ROOT.resolve("freezer").resolve(CgroupMetrics.cgroupPath(id)).resolve("freezer.state"),
          "THAWED");
    }
  }

  /** Whether the cgroup is frozen now (the state file, for tests and restore). */
  static boolean frozen(String id) throws IOException {
    if (V2) {
      return Files.readString(ROOT.resolve(CgroupMetrics.cgroupPath(id)).resolve("cgroup.events"))
          .contains("frozen 1");
    }
    return Files.readString(ROOT.resolve("freezer").resolve(CgroupMetrics.cgroupPath(id)).resolve("freezer.state"))
        .strip().equals("FROZEN");
  }

  private static void await(Path file, String expected, String id) throws IOException {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (!Files.readString(file).contains(expected)) {
      if (System.currentTimeMillis() > deadline) {
        thaw(id);
        throw new IOException("container " + id + " did not freeze within " + WAIT_MS + " ms");
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        thaw(id);
        throw new java.io.InterruptedIOException("interrupted while freezing " + id);
      }
    }
  }
}
