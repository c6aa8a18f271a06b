package io.berth.engine.container;

import io.berth.common.Digest;
import io.berth.engine.container.config.ContainerConfig;
import io.berth.engine.container.config.HostConfig;
import io.berth.engine.container.config.NetworkingConfig;
import io.berth.engine.mount.MountPoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One container as stored: what it was created with (its Config, HostConfig and NetworkingConfig, typed),
 * from which image, its layers, its network endpoints, its state and its mount points (binds, volumes, tmpfs).
 */
public record Container(String id, String name, Instant created, String path, List<String> args,
    ContainerConfig config, HostConfig hostConfig, NetworkingConfig networkingConfig, Digest image,
    String imageName, String rwLayer, String initLayer, ContainerState state, int restartCount, NetworkState network,
    String runtime, List<MountPoint> mountPoints) {

  public Container {
    networkingConfig = networkingConfig == null ? NetworkingConfig.empty() : networkingConfig;
    network = network == null ? NetworkState.none() : network;
    mountPoints = mountPoints == null ? List.of() : List.copyOf(mountPoints);
  }

  public Container withState(ContainerState newState) {
    return new Container(id, name, created, path, args, config, hostConfig, networkingConfig, image, imageName,
        rwLayer, initLayer, newState, restartCount, network, runtime, mountPoints);
  }

  public Container withName(String newName) {
    return new Container(id, newName, created, path, args, config, hostConfig, networkingConfig, image, imageName,
        rwLayer, initLayer, state, restartCount, network, runtime, mountPoints);
  }

  public Container withNetwork(NetworkState newNetwork) {
    return new Container(id, name, created, path, args, config, hostConfig, networkingConfig, image, imageName,
        rwLayer, initLayer, state, restartCount, newNetwork, runtime, mountPoints);
  }

  public Container withNetworkingConfig(NetworkingConfig newConfig) {
    return new Container(id, name, created, path, args, config, hostConfig, newConfig, image, imageName,
        rwLayer, initLayer, state, restartCount, network, runtime, mountPoints);
  }

  public Container withRestartCount(int count) {
    return new Container(id, name, created, path, args, config, hostConfig, networkingConfig, image, imageName,
        rwLayer, initLayer, state, count, network, runtime, mountPoints);
  }

  public Container withHostConfig(HostConfig newHostConfig) {
    return new Container(id, name, created, path, args, config, newHostConfig, networkingConfig, image, imageName,
        rwLayer, initLayer, state, restartCount, network, runtime, mountPoints);
  }

  public boolean tty() {
    return config.tty();
  }

  public Map<String, String> labels() {
    return config.labelMap();
  }

  public String shortId() {
    return id.substring(0, 12);
  }
}
