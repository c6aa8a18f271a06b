package io.berth.runtime;

import io.berth.sys.MountInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The cgroups a process is in, as the {@code cgroup.procs} files to write a pid into to put another process
 * beside it: every v1 hierarchy and the v2 tree it appears in ({@code /proc/PID/cgroup}), located through
 * berthd's own mount table, so any layout (v1, v2, hybrid, other mount points) is handled alike.
 */
public final class ProcessCgroups {
  private ProcessCgroups() {
  }

  /** One cgroup filesystem mount: where, from which cgroup path of its hierarchy, with which super options. */
  record CgroupMount(Path mountPoint, String root, boolean v2, Set<String> options) {
  }

  public static List<Path> procsFiles(long pid) throws IOException {
    return procsFiles(Files.readAllLines(Path.of("/proc/" + pid + "/cgroup")),
        mounts(MountInfo.self()));
  }

  static List<Path> procsFiles(List<String> cgroupLines, List<CgroupMount> mounts) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String line : cgroupLines) {
      String[] f = line.split(":", 3);
      if (f.length != 3 || line.isBlank()) {
        continue;
      }
      boolean v2 = f[0].equals("0") && f[1].isEmpty();
      Set<String> controllers = v2 ? Set.of() : new HashSet<>(Arrays.asList(f[1].split(",")));
      CgroupMount mount = mounts.stream()
          .filter(m -> m.v2() == v2 && m.options().containsAll(controllers))
          .filter(m -> f[2].equals(m.root()) || f[2].startsWith(m.root().equals("/") ? "/" : m.root() + "/"))
          .findFirst()
          .orElse(null);
      if (mount == null) {
        continue; // a hierarchy berthd cannot see (not mounted here): nothing to join there
      }
      String rel = f[2].substring(mount.root().equals("/") ? 1 : mount.root().length());
      rel = rel.startsWith("/") ? rel.substring(1) : rel;
      if (rel.contains("..")) {
        throw new IOException("unexpected cgroup path " + f[2]);
      }
      files.add((rel.isEmpty() ? mount.mountPoint() : mount.mountPoint().resolve(rel)).resolve("cgroup.procs"));
    }
    return files;
  }

  /** The cgroup and cgroup2 mounts of a mount table. */
  static List<CgroupMount> mounts(List<MountInfo> table) {
    List<CgroupMount> mounts = new ArrayList<>();
    for (MountInfo m : table) {
      if (m.fsType().equals("cgroup") || m.fsType().equals("cgroup2")) {
        mounts.add(new CgroupMount(Path.of(m.mountPoint()), m.root(), m.fsType().equals("cgroup2"),
            new HashSet<>(Arrays.asList(m.superOptions().split(",")))));
      }
    }
    return mounts;
  }
}
