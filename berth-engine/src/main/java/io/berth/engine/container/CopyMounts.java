package io.berth.engine.container;

import io.berth.archive.SecurePath;
import io.berth.common.BerthException;
import io.berth.common.GoPath;
import io.berth.engine.mount.MountPoint;
import io.berth.engine.volume.VolumeService;
import io.berth.sys.Linux;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A container's volumes and binds bound onto the root berthd works on for a cp, as dockerd does for its archive
 * operations, so that a copy reads and writes through them as the container sees them. Each destination is
 * resolved inside the root (a symlink cannot lead out); a missing one is made, as dockerd makes it. Read-only
 * mounts are bound read-only. Tmpfs mounts have nothing on the host to bind.
 */
final class CopyMounts {
  private CopyMounts() {}

  static String ref(Container c) {
    return "cp:" + c.id();
  }

  /** Binds them, parents first; returns the mount points made, for {@link NetworkFileBinds#unmount}. */
  static List<Path> mount(Path root, Container c, VolumeService volumes) throws IOException {
    List<Path> mounted = new ArrayList<>();
    List<MountPoint> points = c.mountPoints().stream().filter(m -> !m.type().equals(MountPoint.TMPFS))
        .filter(m -> !VolumeMounts.NETWORK_FILES.contains(m.destination()))
        .sorted(Comparator.comparingInt(m -> GoPath.clean(m.destination()).split("/").length)).toList();
    try {
      for (MountPoint m : points) {
        Path source = m.isVolume() ? m.subpathIn(volumes.mount(m.name(), ref(c))) : Path.of(m.source());
        if (!Files.exists(source)) {
          continue; // a bind source removed since: the container would not start either
        }
        Path target = SecurePath.join(root, m.destination());
        if (!Files.exists(target)) {
          if (Files.isDirectory(source)) {
            Files.createDirectories(target);
          } else {
            Files.createDirectories(target.getParent());
            Files.createFile(target);
          }
        }
        Linux.mount(source.toString(), target, null, Linux.MS_BIND | Linux.MS_REC, null);
        mounted.add(target);
        if (!m.rw()) {
          Linux.mount("", target, null, Linux.MS_BIND | Linux.MS_REMOUNT | Linux.MS_RDONLY, null);
        }
      }
    } catch (IOException | RuntimeException e) {
      NetworkFileBinds.unmount(mounted);
      release(c, volumes);
      throw e;
    }
    return mounted;
  }

  /** The copy is over: the container's volumes are let go. */
  static void release(Container c, VolumeService volumes) {
    for (MountPoint m : c.mountPoints()) {
      if (m.isVolume()) {
        try {
          volumes.unmount(m.name(), ref(c));
        } catch (IOException | RuntimeException e) {
          System.getLogger(CopyMounts.class.getName()).log(System.Logger.Level.WARNING,
              "volume " + m.name() + " after a cp: " + e.getMessage());
        }
      }
    }
  }

  /**
   * dockerd's checks before extracting into {@code path} (absolute, in the container): into a read-only mount
   * is refused, and so is a read-only root outside any mount.
   */
  static void checkWritable(Container c, String path) {
    MountPoint holder = null;
    for (MountPoint m : c.mountPoints()) {
      String dest = m.destination();
      boolean inside = path.equals(dest) || path.startsWith(dest.endsWith("/") ? dest : dest + "/");
      if (inside && (holder == null || dest.length() > holder.destination().length())) {
        holder = m;
      }
    }
    if (holder != null && !holder.rw()) {
      throw new BerthException.InvalidParameter("mounted volume is marked read-only");
    }
    if (holder == null && c.hostConfig().readonlyRootfs()) {
      throw new BerthException.InvalidParameter("container rootfs is marked read-only");
    }
  }
}
