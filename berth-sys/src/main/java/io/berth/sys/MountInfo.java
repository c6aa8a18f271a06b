package io.berth.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a mountinfo table ({@code /proc/self/mountinfo}): fields are
 * {@code id parent major:minor root mount-point options [optional...] - fstype source super-options}.
 *
 * @param root         the path of the mounted directory inside its filesystem
 * @param mountPoint   where it is mounted
 * @param fsType       e.g. overlay, cgroup, cgroup2
 * @param superOptions the filesystem's own options, e.g. {@code rw,cpu,cpuacct} for a cgroup v1 hierarchy
 * @param optional     the optional fields, e.g. {@code shared:1 master:2} (propagation), space-separated
 */
public record MountInfo(String root, String mountPoint, String fsType, String superOptions, String optional) {
  /** berthd's own mount table. */
  public static List<MountInfo> self() throws IOException {
    return parse(Files.readAllLines(Path.of("/proc/self/mountinfo")));
  }

  /** The parsable lines of a mountinfo table, in order. */
  public static List<MountInfo> parse(List<String> lines) {
    List<MountInfo> mounts = new ArrayList<>();
    for (String line : lines) {
      String[] parts = line.split(" - ", 2);
      if (parts.length != 2) {
        continue;
      }
      String[] head = parts[0].split(" ");
      String[] tail = parts[1].split(" ");
      if (head.length < 5 || tail.length < 3) {
        continue;
      }
      String optional = String.join(" ", java.util.Arrays.asList(head).subList(Math.min(6, head.length),
          head.length));
      mounts.add(new MountInfo(unescape(head[3]), unescape(head[4]), tail[0], tail[2], optional));
    }
    return mounts;
  }

  /** mountinfo escapes space, tab, newline and backslash as \ooo. */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length()) {
        out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
