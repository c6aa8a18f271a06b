package io.berth.engine.container;

import io.berth.runtime.Cgroups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Freezes a container's processes through its cgroup (the path {@link ContainerCgroups#path} gives): v1's
 * freezer.state, v2's cgroup.freeze (its state read back from cgroup.events). berthd uses it around
 * {@code cp}, so that no process of the container can swap a path for a symlink while berthd works on it
 * (the symlink-exchange race of CVE-2018-15664; Podman pauses the same way). User-visible pausing
 * ({@code docker pause}) goes through the runtime instead and is recorded in the container's state.
 */
final class CgroupFreezer {
  private static final boolean V2 = Cgroups.unified();
  private static final int WAIT_MS = 2_000;

  private CgroupFreezer() {}

  /** Freezes the cgroup's processes and returns once all are frozen. */
  static void freeze(String cgroupPath) throws IOException {
    Files.writeString(control(cgroupPath), V2 ? "1" : "FROZEN");
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (!frozen(cgroupPath)) {
      if (System.currentTimeMillis() > deadline) {
        thaw(cgroupPath);
        throw new IOException("cgroup " + cgroupPath + " did not freeze within " + WAIT_MS + " ms");
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        thaw(cgroupPath);
        throw new java.io.InterruptedIOException("interrupted while freezing " + cgroupPath);
      }
    }
  }

  /** Lets the cgroup's processes run again (harmless when they are not frozen). */
  static void thaw(String cgroupPath) throws IOException {
    Files.writeString(control(cgroupPath), V2 ? "0" : "THAWED");
  }

  /** Whether the cgroup is frozen now (every process stopped, not merely asked to). */
  static boolean frozen(String cgroupPath) throws IOException {
    if (V2) {
      return Files.readAllLines(Cgroups.dir(cgroupPath).resolve("cgroup.events")).contains("frozen 1");
    }
    return Files.readString(control(cgroupPath)).strip().equals("FROZEN");
  }

  /** The file a freeze is asked through. */
  private static Path control(String cgroupPath) {
    return V2 ? Cgroups.dir(cgroupPath).resolve("cgroup.freeze")
        : Cgroups.dir("freezer", cgroupPath).resolve("freezer.state");
  }
}
