package io.berth.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The host's cgroups: which version they are (the one place that decides), where a cgroup's directory is
 * (the one place that maps a cgroup path to a directory, per version), and removal of directories a
 * runtime left behind (runc deletes a container's leaf but not the parents it created). Works on v1 (one
 * hierarchy per controller), v2 and hybrid layouts.
 */
public final class Cgroups {
  private Cgroups() {
  }

  /** Where the cgroup file systems are mounted. */
  public static final Path ROOT = Path.of("/sys/fs/cgroup");
  private static final boolean UNIFIED = Files.exists(ROOT.resolve("cgroup.controllers"));

  /** True on a pure cgroup v2 host; false on v1 and on hybrid hosts (v1 controllers beside a cgroup2 mount). */
  public static boolean unified() {
    return UNIFIED;
  }

  /**
   * The directory of a cgroup (an absolute cgroup path such as {@code /berth/ID}) for one controller: on v2
   * the one tree's, on v1 the controller's hierarchy's ({@code /sys/fs/cgroup/memory/berth/ID}).
   */
  public static Path dir(String controller, String cgroupPath) {
    if (UNIFIED) {
      return dir(cgroupPath);
    }
    String rel = relative(cgroupPath);
    return rel.isEmpty() ? ROOT.resolve(controller) : ROOT.resolve(controller).resolve(rel);
  }

  /** The directory of a cgroup in the v2 tree. */
  public static Path dir(String cgroupPath) {
    String rel = relative(cgroupPath);
    return rel.isEmpty() ? ROOT : ROOT.resolve(rel);
  }

  /** This process's cgroup v2 path ({@code /proc/self/cgroup}'s {@code 0::} line), "/" when there is none. */
  static String ownPath() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
        if (line.startsWith("0::")) {
          return line.substring(3).isEmpty() ? "/" : line.substring(3);
        }
      }
    } catch (IOException ignored) {
      // no procfs: treat as the root
    }
    return "/";
  }

  /** The path below the hierarchy's root, cleaned: ".." cannot climb out of it. */
  private static String relative(String cgroupPath) {
    return io.berth.common.GoPath.clean("/" + cgroupPath).substring(1);
  }

  /**
   * rmdir of path (absolute cgroup path, e.g. /berth-test) and everything below it, deepest first.
   * Returns true when nothing of it remains in any hierarchy.
   */
  static boolean removeTree(String cgroupPath) {
    String rel = cgroupPath.replaceAll("^/+", "");
    if (rel.isEmpty() || rel.contains("..")) {
      throw new IllegalArgumentException("refusing to remove cgroup " + cgroupPath);
    }
    for (Path hierarchy : hierarchies()) {
      Path top = hierarchy.resolve(rel);
      if (!Files.isDirectory(top)) {
        continue;
      }
      List<Path> dirs = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(top)) {
        walk.filter(Files::isDirectory).forEach(dirs::add);
      } catch (IOException ignored) {
        // vanished under us
      }
      dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
      for (Path d : dirs) {
        try {
          Files.deleteIfExists(d); // rmdir: cgroupfs refuses while processes remain
        } catch (IOException ignored) {
          // busy or already gone: nothing better to do here
        }
      }
    }
    return hierarchies().stream().noneMatch(h -> Files.exists(h.resolve(rel)));
  }

  /** /sys/fs/cgroup itself when it is cgroup2, plus every directory below it that is a hierarchy. */
  private static List<Path> hierarchies() {
    List<Path> result = new ArrayList<>();
    if (UNIFIED) {
      result.add(ROOT);
      return result;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(ROOT)) {
      for (Path p : ds) {
        if (Files.isDirectory(p) && !Files.isSymbolicLink(p)) {
          result.add(p);
        }
      }
    } catch (IOException ignored) {
      // no cgroupfs: nothing to clean
    }
    return result;
  }
}
