package io.berth.oci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every device node under the host's /dev as OCI {@code linux.devices} entries, for {@code --privileged}: what
 * containerd's oci.HostDevices gives moby. Skips the directories runc mounts itself (pts, shm, fd, mqueue) and
 * the bookkeeping ones, /dev/console, symlinks and fifos.
 */
final class HostDevices {
  private static final Set<String> SKIPPED_DIRS = Set.of("pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts", ".udev");
  private static final int S_IFMT = 0170000, S_IFCHR = 0020000, S_IFBLK = 0060000;

  private HostDevices() {
  }

  static List<Map<String, Object>> list(Path dev) {
    List<Map<String, Object>> out = new ArrayList<>();
    try {
      walk(dev, Path.of("/dev"), out);
    } catch (IOException e) {
      throw new UncheckedIOException("listing host devices in " + dev, e);
    }
    return out;
  }

  private static void walk(Path dir, Path inContainer, List<Map<String, Object>> out) throws IOException {
    List<Path> entries;
    try (Stream<Path> s = Files.list(dir)) {
      entries = s.sorted().toList();
    }
    for (Path p : entries) {
      String name = p.getFileName().toString();
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        if (!SKIPPED_DIRS.contains(name)) {
          walk(p, inContainer.resolve(name), out);
        }
        continue;
      }
      if (name.equals("console")) {
        continue;
      }
      Map<String, Object> attrs;
      try {
        attrs = Files.readAttributes(p, "unix:mode,rdev,uid,gid", LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        continue; // gone since the listing
      }
      int mode = (Integer) attrs.get("mode");
      String type = switch (mode & S_IFMT) {
        case S_IFCHR -> "c";
        case S_IFBLK -> "b";
        default -> null; // not a device (fifos are skipped too, as containerd does)
      };
      if (type == null) {
        continue;
      }
      long rdev = (Long) attrs.get("rdev");
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("path", inContainer.resolve(name).toString());
      d.put("type", type);
      d.put("major", major(rdev));
      d.put("minor", minor(rdev));
      d.put("fileMode", mode & ~S_IFMT);
      d.put("uid", (Integer) attrs.get("uid"));
      d.put("gid", (Integer) attrs.get("gid"));
      out.add(d);
    }
  }

  /** glibc's gnu_dev_major. */
  static long major(long dev) {
    return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & 0xfffff000L);
  }

  /** glibc's gnu_dev_minor. */
  static long minor(long dev) {
    return (dev & 0xff) | ((dev >>> 12) & 0xffffff00L);
  }
}
