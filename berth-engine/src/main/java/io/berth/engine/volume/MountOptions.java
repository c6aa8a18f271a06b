package io.berth.engine.volume;

import io.berth.sys.Linux;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A mount option string split as moby/sys/mount does: the names it knows become mount flags (set or cleared), the
 * rest is the filesystem's data. Propagation flags are applied by a second mount call, and a read-only bind by a
 * remount, as the kernel requires.
 */
record MountOptions(long flags, String data) {
  private static final long PROPAGATION = Linux.MS_SHARED | Linux.MS_PRIVATE | Linux.MS_SLAVE | Linux.MS_UNBINDABLE;
  private static final long RO_BIND = Linux.MS_RDONLY | Linux.MS_BIND;

  /** Flag name to (clear, flag). */
  private static final Map<String, Object[]> FLAGS = Map.ofEntries(
      Map.entry("defaults", new Object[] {false, 0L}), Map.entry("ro", new Object[] {false, Linux.MS_RDONLY}),
      Map.entry("rw", new Object[] {true, Linux.MS_RDONLY}), Map.entry("suid", new Object[] {true, Linux.MS_NOSUID}),
      Map.entry("nosuid", new Object[] {false, Linux.MS_NOSUID}), Map.entry("dev", new Object[] {true, Linux.MS_NODEV}),
      Map.entry("nodev", new Object[] {false, Linux.MS_NODEV}), Map.entry("exec", new Object[] {true, Linux.MS_NOEXEC}),
      Map.entry("noexec", new Object[] {false, Linux.MS_NOEXEC}),
      Map.entry("sync", new Object[] {false, Linux.MS_SYNCHRONOUS}),
      Map.entry("async", new Object[] {true, Linux.MS_SYNCHRONOUS}),
      Map.entry("dirsync", new Object[] {false, Linux.MS_DIRSYNC}),
      Map.entry("remount", new Object[] {false, Linux.MS_REMOUNT}),
      Map.entry("mand", new Object[] {false, Linux.MS_MANDLOCK}),
      Map.entry("nomand", new Object[] {true, Linux.MS_MANDLOCK}),
      Map.entry("atime", new Object[] {true, Linux.MS_NOATIME}),
      Map.entry("noatime", new Object[] {false, Linux.MS_NOATIME}),
      Map.entry("diratime", new Object[] {true, Linux.MS_NODIRATIME}),
      Map.entry("nodiratime", new Object[] {false, Linux.MS_NODIRATIME}),
      Map.entry("bind", new Object[] {false, Linux.MS_BIND}),
      Map.entry("rbind", new Object[] {false, Linux.MS_BIND | Linux.MS_REC}),
      Map.entry("unbindable", new Object[] {false, Linux.MS_UNBINDABLE}),
      Map.entry("runbindable", new Object[] {false, Linux.MS_UNBINDABLE | Linux.MS_REC}),
      Map.entry("private", new Object[] {false, Linux.MS_PRIVATE}),
      Map.entry("rprivate", new Object[] {false, Linux.MS_PRIVATE | Linux.MS_REC}),
      Map.entry("shared", new Object[] {false, Linux.MS_SHARED}),
      Map.entry("rshared", new Object[] {false, Linux.MS_SHARED | Linux.MS_REC}),
      Map.entry("slave", new Object[] {false, Linux.MS_SLAVE}),
      Map.entry("rslave", new Object[] {false, Linux.MS_SLAVE | Linux.MS_REC}),
      Map.entry("relatime", new Object[] {false, Linux.MS_RELATIME}),
      Map.entry("norelatime", new Object[] {true, Linux.MS_RELATIME}),
      Map.entry("strictatime", new Object[] {false, Linux.MS_STRICTATIME}),
      Map.entry("nostrictatime", new Object[] {true, Linux.MS_STRICTATIME}));

  static MountOptions parse(String options) {
    long flags = 0;
    List<String> data = new ArrayList<>();
    for (String o : options.split(",")) {
      if (o.isEmpty()) {
        continue;
      }
      Object[] f = FLAGS.get(o);
      if (f == null) {
        data.add(o);
      } else if ((boolean) f[0]) {
        flags &= ~(long) f[1];
      } else {
        flags |= (long) f[1];
      }
    }
    return new MountOptions(flags, String.join(",", data));
  }

  void mount(String device, Path target, String type) throws IOException {
    long main = flags & ~PROPAGATION;
    if ((flags & Linux.MS_REMOUNT) == 0 || !data.isEmpty()) {
      Linux.mount(device, target, type, main, data.isEmpty() ? null : data);
    }
    if ((flags & PROPAGATION) != 0) {
      Linux.mount("", target, null, flags & (PROPAGATION | Linux.MS_REC), null);
    }
    if ((main & RO_BIND) == RO_BIND) {
      Linux.mount("", target, null, main | Linux.MS_REMOUNT, null);
    }
  }
}
