package io.berth.engine.storage;

import io.berth.sys.MountInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What is mounted, read from {@code /proc/self/mountinfo} (the kernel's view, not a cache). */
public final class Mounts {
  private Mounts() {}

  public static boolean isMountPoint(Path path) throws IOException {
    String target = path.toAbsolutePath().normalize().toString();
    for (MountInfo mount : MountInfo.self()) {
      if (mount.mountPoint().equals(target)) {
        return true;
      }
    }
    return false;
  }

  /** Mount points at or below {@code root}, deepest first (the order to unmount them in). */
  public static List<Path> under(Path root) throws IOException {
    String prefix = root.toAbsolutePath().normalize().toString();
    List<Path> found = new ArrayList<>();
    for (MountInfo mount : MountInfo.self()) {
      String point = mount.mountPoint();
      if (point.equals(prefix) || point.startsWith(prefix + "/")) {
        found.add(Path.of(point));
      }
    }
    found.sort((a, b) -> b.getNameCount() - a.getNameCount());
    return found;
  }
}
