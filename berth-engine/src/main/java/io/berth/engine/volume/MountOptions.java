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

  /** What an option does to the flags: sets or clears bits. */
  private record Flag(boolean clears, long bits) {}

  /** The option names moby/sys/mount knows as flags. */
  private static final Map<String, Flag> FLAGS = Map.ofEntries(
      Map.entry("defaults", set(0)), Map.entry("ro", set(Linux.MS_RDONLY)),
      Map.entry("rw", clear(Linux.MS_RDONLY)), Map.entry("suid", clear(Linux.MS_NOSUID)),
      Map.entry("nosuid", set(Linux.MS_NOSUID)), Map.entry("dev", clear(Linux.MS_NODEV)),
      Map.entry("nodev", set(Linux.MS_NODEV)), Map.entry("exec", clear(Linux.MS_NOEXEC)),
      Map.entry("noexec", set(Linux.MS_NOEXEC)),
      Map.entry("sync", set(Linux.MS_SYNCHRONOUS)),
      Map.entry("async", clear(Linux.MS_SYNCHRONOUS)),
      Map.entry("dirsync", set(Linux.MS_DIRSYNC)),
      Map.entry("remount", set(Linux.MS_REMOUNT)),
      Map.entry("mand", set(Linux.MS_MANDLOCK)),
      Map.entry("nomand", clear(Linux.MS_MANDLOCK)),
      Map.entry("atime", clear(Linux.MS_NOATIME)),
      Map.entry("noatime", set(Linux.MS_NOATIME)),
      Map.entry("diratime", clear(Linux.MS_NODIRATIME)),
      Map.entry("nodiratime", set(Linux.MS_NODIRATIME)),
      Map.entry("bind", set(Linux.MS_BIND)),
      Map.entry("rbind", set(Linux.MS_BIND | Linux.MS_REC)),
      Map.entry("unbindable", set(Linux.MS_UNBINDABLE)),
      Map.entry("runbindable", set(Linux.MS_UNBINDABLE | Linux.MS_REC)),
      Map.entry("private", set(Linux.MS_PRIVATE)),
      Map.entry("rprivate", set(Linux.MS_PRIVATE | Linux.MS_REC)),
      Map.entry("shared", set(Linux.MS_SHARED)),
      Map.entry("rshared", set(Linux.MS_SHARED | Linux.MS_REC)),
      Map.entry("slave", set(Linux.MS_SLAVE)),
      Map.entry("rslave", set(Linux.MS_SLAVE | Linux.MS_REC)),
      Map.entry("relatime", set(Linux.MS_RELATIME)),
      Map.entry("norelatime", clear(Linux.MS_RELATIME)),
      Map.entry("strictatime", set(Linux.MS_STRICTATIME)),
      Map.entry("nostrictatime", clear(Linux.MS_STRICTATIME)));

  private static Flag set(long bits) {
    return new Flag(false, bits);
  }

  private static Flag clear(long bits) {
    return new Flag(true, bits);
  }

  static MountOptions parse(String options) {
    long flags = 0;
    List<String> data = new ArrayList<>();
    for (String o : options.split(",")) {
      if (o.isEmpty()) {
        continue;
      }
      Flag f = FLAGS.get(o);
      if (f == null) {
        data.add(o);
      } else if (f.clears()) {
        flags &= ~f.bits();
      } else {
        flags |= f.bits();
      }
    }
    return new MountOptions(flags, String.join(",", data));
  }

  void mount(String device, Path target, String type) throws IOException {
    long main = flags & ~PROPAGATION;
    if ((flags & Linux.MS_REMOUNT) == 0 || !data.isEmpty()) {
      call(device, target, type, main, data);
    }
    if ((flags & PROPAGATION) != 0) {
      call("", target, null, flags & (PROPAGATION | Linux.MS_REC), "");
    }
    if ((main & RO_BIND) == RO_BIND) {
      call("", target, null, main | Linux.MS_REMOUNT, "");
    }
  }

  /** mount(2), failing in moby/sys/mount's words: "mount SOURCE:TARGET, flags: 0x.., data: ..: cause". */
  private static void call(String source, Path target, String type, long flags, String data) throws IOException {
    try {
      Linux.mount(source, target, type, flags, data.isEmpty() ? null : data);
    } catch (io.berth.sys.ErrnoException e) {
      String what = "mount " + (source.isEmpty() ? "" : source + ":") + target
          + (flags == 0 ? "" : ", flags: 0x" + Long.toHexString(flags)) + (data.isEmpty() ? "" : ", data: " + data);
      throw new IOException(what + ": " + Linux.strerror(e.errno()), e);
    }
  }
}
