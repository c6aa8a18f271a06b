package io.berth.engine.mount;

import io.berth.archive.SecurePath;
import io.berth.common.BerthException;
import io.berth.common.GoPath;
import io.berth.engine.container.config.MountSpec;
import io.berth.engine.storage.TreeCopy;
import io.berth.engine.volume.Volume;
import io.berth.engine.volume.VolumeService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Makes a planned container's mounts real at create, as dockerd's registerMountPoints and
 * createContainerVolumesOS do: the volumes it names are made (or found), each VOLUME of its Config (the image's
 * and {@code -v /path}) gets an anonymous volume unless something is mounted there already, and a volume that
 * is empty is filled with what the image has at its destination (owners, modes, xattrs), unless {@code nocopy}.
 * Destinations are resolved inside the container's root, so a symlink in the image never leads out of it.
 */
public final class MountRealizer {
  /** The container's root filesystem, mounted on first use. */
  public interface Rootfs {
    Path path() throws IOException;
  }

  private final VolumeService volumes;

  public MountRealizer(VolumeService volumes) {
    this.volumes = volumes;
  }

  /**
   * The container's mount points. The volumes made for it are referenced by {@code containerId} until
   * {@link VolumeService#settle}; on failure the anonymous ones made here are removed again.
   */
  public List<MountPoint> realize(String containerId, MountPlan plan, Set<String> configVolumes,
      String volumeDriver, Set<String> tmpfs, Rootfs rootfs) throws IOException {
    List<MountPoint> out = new ArrayList<>();
    List<String> anonymous = new ArrayList<>();
    try {
      for (MountPoint mp : plan.mounts()) {
        if (mp.type().equals(MountPoint.VOLUME) && mp.source().isEmpty()) { // not one of --volumes-from
          Volume v = create(containerId, mp.name(), mp.driver(), mp.spec());
          if (mp.name().isEmpty()) {
            anonymous.add(v.name());
          }
          mp = mp.withVolume(v.name(), v.driver(), v.mountpoint().toString());
        }
        out.add(mp);
      }
      for (String spec : configVolumes) {
        String destination = GoPath.clean(spec);
        if (out.stream().anyMatch(m -> m.destination().equals(destination)) || tmpfs.contains(destination)) {
          continue; // --volumes-from, a bind or a tmpfs is there already
        }
        Path inRoot = SecurePath.join(rootfs.path(), destination);
        if (Files.exists(inRoot) && !Files.isDirectory(inRoot)) {
          throw new BerthException.InvalidParameter("cannot mount volume over existing file, file exists " + inRoot);
        }
        Volume v = volumes.create("", volumeDriver, null, null, containerId);
        anonymous.add(v.name());
        out.add(MountPoint.anonymous(destination, v.name(), v.driver(), v.mountpoint().toString()));
      }
      for (int i = 0; i < out.size(); i++) {
        MountPoint mp = out.get(i);
        if (mp.isVolume() && mp.copyData()) {
          copyUp(containerId, mp, rootfs);
          out.set(i, mp.copied());
        }
      }
      return out;
    } catch (IOException | RuntimeException e) {
      volumes.settle(containerId);
      for (String name : anonymous) {
        try {
          volumes.removeIfUnused(name);
        } catch (IOException | RuntimeException ignored) {
          // the failure above is the one to report
        }
      }
      throw e;
    }
  }

  private Volume create(String containerId, String name, String driver, MountSpec spec) throws IOException {
    MountSpec.VolumeOptions vo = spec.volumeOptions();
    Map<String, String> options = vo != null && vo.driverConfig() != null ? vo.driverConfig().options() : null;
    Map<String, String> labels = vo != null ? vo.labels() : null;
    return volumes.create(name, driver, options, labels, containerId);
  }

  /** dockerd's populateVolume: an empty volume gets the image's directory at its destination. */
  private void copyUp(String containerId, MountPoint mp, Rootfs rootfs) throws IOException {
    Path source = SecurePath.join(rootfs.path(), mp.destination());
    if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    String ref = "copy-up:" + containerId;
    Path data = volumes.mount(mp.name(), ref);
    try {
      data = mp.subpathIn(data);
      if (isEmpty(data)) {
        TreeCopy.copyContents(source, data);
      }
    } finally {
      volumes.unmount(mp.name(), ref);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}
