package io.berth.engine.mount;

import io.berth.engine.container.config.MountSpec;

/**
 * Where something is mounted in a container, as dockerd keeps it in the container's record (its MountPoint):
 * a bind of a host path, a volume (by name, with its driver), or a tmpfs. {@code source} is the host path (the
 * volume's data directory for a volume), {@code mode} the options the user wrote after the last colon of a
 * {@code -v} ("z" for a local volume given none), {@code spec} the request it came from (empty for an image's
 * VOLUME). A bind's source is not made when {@code skipMountpointCreation} ({@code --mount}, as dockerd).
 */
public record MountPoint(String type, String name, String source, String destination, String driver, String mode,
    boolean rw, String propagation, MountSpec spec, boolean copyData, boolean skipMountpointCreation) {
  public static final String BIND = "bind";
  public static final String VOLUME = "volume";
  public static final String TMPFS = "tmpfs";

  public MountPoint {
    type = orEmpty(type);
    name = orEmpty(name);
    source = orEmpty(source);
    destination = orEmpty(destination);
    driver = orEmpty(driver);
    mode = orEmpty(mode);
    propagation = orEmpty(propagation);
    spec = spec == null ? new MountSpec("", "", "", false, "", null, null, null, null) : spec;
  }

  public boolean isVolume() {
    return type.equals(VOLUME) && !name.isEmpty();
  }

  /** A volume the container made for itself ({@code -v /path}, an image's VOLUME): {@code rm -v} removes it. */
  public boolean anonymousVolume() {
    return isVolume() && spec.source().isEmpty();
  }

  /**
   * Bound to the volume that serves it, with dockerd's mode "z" for a local volume given none (setBindModeIfNull).
   */
  public MountPoint withVolume(String volumeName, String volumeDriver, String path) {
    return new MountPoint(type, volumeName, path, destination, volumeDriver,
        mode.isEmpty() && volumeDriver.equals("local") ? "z" : mode, rw, propagation, spec, copyData,
        skipMountpointCreation);
  }

  /** An anonymous volume for a VOLUME of the image or of Config.Volumes (dockerd's AddMountPointWithVolume). */
  public static MountPoint anonymous(String destination, String volumeName, String volumeDriver, String path) {
    return new MountPoint(VOLUME, volumeName, path, destination, volumeDriver, "", true, "", null, true, false);
  }

  public MountPoint withPropagation(String newPropagation) {
    return new MountPoint(type, name, source, destination, driver, mode, rw, newPropagation, spec, copyData,
        skipMountpointCreation);
  }

  public MountPoint withSkipMountpointCreation(boolean skip) {
    return new MountPoint(type, name, source, destination, driver, mode, rw, propagation, spec, copyData, skip);
  }

  /** The same mount for another container ({@code --volumes-from}): never copied into, read-only if asked. */
  public MountPoint borrowed(boolean writable) {
    return new MountPoint(type, name, source, destination, driver, "", rw && writable, propagation, spec, false,
        false);
  }

  /** After the copy-up at create: nothing more to copy. */
  public MountPoint copied() {
    return new MountPoint(type, name, source, destination, driver, mode, rw, propagation, spec, false,
        skipMountpointCreation);
  }

  /**
   * Where in a volume's data this mount takes its source: the data itself, or its {@code volume-subpath}, resolved
   * inside it (symlinks cannot lead out), which must exist.
   */
  public java.nio.file.Path subpathIn(java.nio.file.Path data) throws java.io.IOException {
    String subpath = spec.volumeOptions() == null ? null : spec.volumeOptions().subpath();
    if (subpath == null || subpath.isEmpty()) {
      return data;
    }
    java.nio.file.Path p = io.berth.archive.SecurePath.join(data, subpath);
    if (!java.nio.file.Files.exists(p)) {
      throw new io.berth.common.BerthException.InvalidParameter("cannot access path " + p
          + ": no such file or directory");
    }
    return p;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
