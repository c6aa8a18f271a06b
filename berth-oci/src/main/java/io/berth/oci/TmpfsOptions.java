package io.berth.oci;

import io.berth.common.BerthException;
import io.berth.common.GoQuote;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** moby/sys/mount's MergeTmpfsOptions: later options win, one per flag, one propagation mode, one per data key. */
final class TmpfsOptions {
  private static final long RDONLY = 1, NOSUID = 2, NODEV = 4, NOEXEC = 8, SYNCHRONOUS = 16, REMOUNT = 32,
      MANDLOCK = 64, DIRSYNC = 128, NOATIME = 1024, NODIRATIME = 2048, BIND = 4096, REC = 16384,
      UNBINDABLE = 1L << 17, PRIVATE = 1L << 18, SLAVE = 1L << 19, SHARED = 1L << 20,
      RELATIME = 1L << 21, STRICTATIME = 1L << 24;
  private static final long PROPAGATION = PRIVATE | SHARED | SLAVE | UNBINDABLE;

  private static final Map<String, Long> FLAGS = Map.ofEntries(
      Map.entry("ro", RDONLY), Map.entry("rw", RDONLY), Map.entry("suid", NOSUID),
      Map.entry("nosuid", NOSUID), Map.entry("dev", NODEV), Map.entry("nodev", NODEV),
      Map.entry("exec", NOEXEC), Map.entry("noexec", NOEXEC), Map.entry("sync", SYNCHRONOUS),
      Map.entry("async", SYNCHRONOUS), Map.entry("dirsync", DIRSYNC), Map.entry("remount", REMOUNT),
      Map.entry("mand", MANDLOCK), Map.entry("nomand", MANDLOCK), Map.entry("atime", NOATIME),
      Map.entry("noatime", NOATIME), Map.entry("diratime", NODIRATIME),
      Map.entry("nodiratime", NODIRATIME), Map.entry("bind", BIND), Map.entry("rbind", BIND | REC),
      Map.entry("unbindable", UNBINDABLE), Map.entry("runbindable", UNBINDABLE | REC),
      Map.entry("private", PRIVATE), Map.entry("rprivate", PRIVATE | REC), Map.entry("shared", SHARED),
      Map.entry("rshared", SHARED | REC), Map.entry("slave", SLAVE), Map.entry("rslave", SLAVE | REC),
      Map.entry("relatime", RELATIME), Map.entry("norelatime", RELATIME),
      Map.entry("strictatime", STRICTATIME), Map.entry("nostrictatime", STRICTATIME));

  private static final Set<String> DATA_KEYS = Set.of("", "size", "mode", "uid", "gid", "nr_inodes", "nr_blocks",
      "mpol");

  private TmpfsOptions() {
  }

  static List<String> merge(List<String> options) {
    Set<Long> flagSeen = new HashSet<>();
    Set<String> dataSeen = new HashSet<>();
    LinkedList<String> merged = new LinkedList<>();
    for (int i = options.size() - 1; i >= 0; i--) {
      String option = options.get(i);
      if (option.equals("defaults")) {
        continue;
      }
      Long flag = FLAGS.get(option);
      if (flag != null) {
        long key = (flag & PROPAGATION) != 0 ? -1 : flag;
        if (flagSeen.add(key)) {
          merged.addFirst(option);
        }
        continue;
      }
      int eq = option.indexOf('=');
      if (eq < 0 || !DATA_KEYS.contains(option.substring(0, eq))) {
        List<String> parts = eq < 0 ? List.of(option) : List.of(option.substring(0, eq), option.substring(eq + 1));
        throw new BerthException.InvalidParameter("invalid tmpfs option "
            + parts.stream().map(GoQuote::quote).collect(Collectors.joining(" ", "[", "]")));
      }
      if (dataSeen.add(option.substring(0, eq))) {
        merged.addFirst(option);
      }
    }
    return new ArrayList<>(merged);
  }
}
