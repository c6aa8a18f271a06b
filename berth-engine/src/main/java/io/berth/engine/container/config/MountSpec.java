package io.berth.engine.container.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.Map;

/**
 * One entry of HostConfig.Mounts ({@code --mount}): moby's {@code mount.Mount}. {@code type} is bind, volume,
 * tmpfs, image, npipe or cluster; the options record of the other types is null.
 */
@JsonInclude(Include.NON_DEFAULT)
public record MountSpec(String type, String source, String target, boolean readOnly, String consistency,
    BindOptions bindOptions, VolumeOptions volumeOptions, ImageOptions imageOptions, TmpfsOptions tmpfsOptions) {

  public MountSpec {
    type = ContainerConfig.orEmpty(type);
    source = ContainerConfig.orEmpty(source);
    target = ContainerConfig.orEmpty(target);
    consistency = ContainerConfig.orEmpty(consistency);
  }

  @JsonInclude(Include.NON_DEFAULT)
  public record BindOptions(String propagation, boolean nonRecursive, boolean createMountpoint,
      boolean readOnlyNonRecursive, boolean readOnlyForceRecursive) {}

  @JsonInclude(Include.NON_DEFAULT)
  public record VolumeOptions(boolean noCopy, Map<String, String> labels, Driver driverConfig, String subpath) {}

  /** A volume driver and its options ({@code volume-driver}, {@code volume-opt}). */
  @JsonInclude(Include.NON_DEFAULT)
  public record Driver(String name, Map<String, String> options) {}

  @JsonInclude(Include.NON_DEFAULT)
  public record ImageOptions(String subpath) {}

  @JsonInclude(Include.NON_DEFAULT)
  public record TmpfsOptions(long sizeBytes, int mode, java.util.List<java.util.List<String>> options) {}
}
