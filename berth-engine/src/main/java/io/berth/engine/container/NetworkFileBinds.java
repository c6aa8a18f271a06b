package io.berth.engine.container;

import io.berth.archive.SecurePath;
import io.berth.engine.storage.Mounts;
import io.berth.sys.ErrnoException;
import io.berth.sys.Linux;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The container's own /etc/hosts, /etc/hostname and /etc/resolv.conf (files in its directory that
 * runc bind-mounts into it) bound onto the root berthd works on for a cp, as dockerd does: a copy
 * then reads what the container sees there, and replacing one fails as it does inside the container
 * (EBUSY), instead of unlinking the file under the container's bind mount, which the kernel would
 * then detach in the container.
 */
final class NetworkFileBinds {
  static final List<String> FILES = List.of("hosts", "hostname", "resolv.conf");

  private NetworkFileBinds() {}

  /**
   * Binds each of the container's network files that exists onto its place under {@code root}
   * (resolved as the container sees it), where a regular file is to bind onto. The container must
   * not run meanwhile (stopped or frozen), so that nothing in it can move the place. Returns the
   * mount points, for {@link #unmount}.
   */
  static List<Path> mount(Path root, Path containerDir) throws IOException {
    List<Path> mounted = new ArrayList<>();
    try {
      for (String name : FILES) {
        Path source = containerDir.resolve(name);
        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
          continue; // never started: it has none yet
        }
        Path target = SecurePath.join(root, "/etc/" + name);
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
          continue; // runc made the place at start; without it the container has no such bind either
        }
        Linux.mount(source.toString(), target, null, Linux.MS_BIND, null);
        mounted.add(target);
      }
    } catch (IOException e) {
      unmount(mounted);
      throw e;
    }
    return mounted;
  }

  static void unmount(List<Path> mounted) throws ErrnoException {
    for (Path target : mounted.reversed()) {
      Linux.umount2(target, Linux.MNT_DETACH);
    }
  }

  /** What a berthd killed during a cp left bound under a root: every mount strictly below it. */
  static void removeLeftovers(Path root) throws IOException {
    for (Path point : Mounts.under(root)) {
      if (!point.equals(root.toAbsolutePath().normalize())) {
        Linux.umount2(point, Linux.MNT_DETACH);
      }
    }
  }
}
