package io.berth.engine.container;

import io.berth.engine.container.config.MountSpec;
import io.berth.engine.events.EventBus;
import io.berth.engine.mount.MountParser;
import io.berth.engine.mount.MountPoint;
import io.berth.engine.volume.VolumeService;
import io.berth.oci.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's mount points as the OCI mounts of its start (dockerd's setupMounts): its volumes mounted for it
 * (event mount), the sources of {@code -v} binds made when missing, tmpfs options converted; a mount onto
 * /etc/hosts, /etc/hostname or /etc/resolv.conf takes the place of berth's file there. At exit (or a failed
 * start) the volumes are let go (event unmount).
 */
final class VolumeMounts {
  static final List<String> NETWORK_FILES = List.of("/etc/resolv.conf", "/etc/hostname", "/etc/hosts");

  /** The OCI mounts and, by destination, the binds that replace berth's network files. */
  record Setup(List<Mount> mounts, Map<String, Mount.Bind> networkFiles) {
    static Setup none() {
      return new Setup(List.of(), Map.of());
    }
  }

  /** A mount that could not be set up: reported in its own words, not as the runtime's failure. */
  static final class SetupFailed extends RuntimeException {
    SetupFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final VolumeService volumes;
  private final EventBus events;

  VolumeMounts(VolumeService volumes, EventBus events) {
    this.volumes = volumes;
    this.events = events;
  }

  Setup mount(Container c) throws IOException {
    List<Mount> mounts = new ArrayList<>();
    Map<String, Mount.Bind> networkFiles = new LinkedHashMap<>();
    Map<String, String> tmpfs = c.hostConfig().tmpfs() == null ? Map.of() : c.hostConfig().tmpfs();
    List<MountPoint> held = new ArrayList<>();
    try {
      for (MountPoint m : c.mountPoints()) {
        if (tmpfs.containsKey(m.destination())) {
          continue; // --tmpfs wins, as in dockerd
        }
        if (m.type().equals(MountPoint.TMPFS)) {
          mounts.add(new Mount.Tmpfs(m.destination(), MountParser.tmpfsOptions(m.spec().tmpfsOptions(), !m.rw())));
          continue;
        }
        String source = source(c, m);
        held.add(m);
        MountSpec.BindOptions bo = m.type().equals(MountPoint.BIND) ? m.spec().bindOptions() : null;
        Mount.Bind bind = new Mount.Bind(source, m.destination(), m.rw(), m.propagation(),
            bo != null && bo.nonRecursive(), bo != null && bo.readOnlyForceRecursive());
        if (NETWORK_FILES.contains(m.destination())) {
          networkFiles.put(m.destination(), bind);
        } else {
          mounts.add(bind);
        }
      }
    } catch (IOException | RuntimeException e) {
      unmount(c, held);
      throw e;
    }
    return new Setup(mounts, networkFiles);
  }

  /** Where a mount's content comes from on the host; a volume is mounted for the container first. */
  private String source(Container c, MountPoint m) throws IOException {
    if (m.isVolume()) {
      Path data;
      try {
        data = volumes.mount(m.name(), c.id());
      } catch (IOException e) {
        throw new SetupFailed("error while mounting volume '" + m.source() + "': " + e.getMessage(), e);
      }
      data = m.subpathIn(data);
      events.publish("volume", "mount", m.name(), Map.of("driver", m.driver(), "container", c.id(),
          "destination", m.destination(), "read/write", Boolean.toString(m.rw()), "propagation", m.propagation()));
      return data.toString();
    }
    if (m.type().equals(MountPoint.BIND) && !m.skipMountpointCreation()) {
      createSource(Path.of(m.source()));
    }
    if (m.type().equals(MountPoint.BIND)) {
      BindPropagation.check(m.source(), m.propagation());
    }
    return m.source();
  }

  /** dockerd makes a missing {@code -v} source as a directory (0755, owned by root); a file there is fine. */
  private static void createSource(Path source) throws IOException {
    if (Files.exists(source)) {
      return;
    }
    try {
      Files.createDirectories(source, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwxr-xr-x")));
    } catch (java.nio.file.FileSystemException e) {
      if (!(e instanceof java.nio.file.FileAlreadyExistsException)) {
        throw new IOException("error while creating mount source path '" + source + "': mkdir " + e.getFile()
            + ": " + (e.getReason() == null ? "failed" : e.getReason().toLowerCase()), e);
      }
    }
  }

  /** The container lets go of its volumes (each an unmount event, as dockerd's UnmountVolumes). */
  void unmount(Container c) {
    unmount(c, c.mountPoints());
  }

  private void unmount(Container c, List<MountPoint> mountPoints) {
    for (MountPoint m : mountPoints) {
      if (!m.isVolume()) {
        continue;
      }
      try {
        volumes.unmount(m.name(), c.id());
      } catch (IOException | RuntimeException e) {
        System.getLogger(VolumeMounts.class.getName()).log(System.Logger.Level.WARNING,
            "unmounting volume " + m.name() + " of " + c.shortId() + ": " + e.getMessage());
      }
      events.publish("volume", "unmount", m.name(), Map.of("driver", m.driver(), "container", c.id()));
    }
  }
}
