package io.berth.engine.container;

import io.berth.common.Digest;
import io.berth.engine.container.config.ContainerConfig;
import io.berth.engine.container.config.HostConfig;
import io.berth.engine.container.config.NetworkingConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One container as stored: what it was created with (its Config, HostConfig and NetworkingConfig, typed),
 * from which image, its layers, its network endpoint and its state.
 */
public record Container(String id, String name, Instant created, String path, List<String> args,
    ContainerConfig config, HostConfig hostConfig, NetworkingConfig networkingConfig, Digest image,
    String imageName, String rwLayer, String initLayer, ContainerState state, int restartCount, Endpoint endpoint,
    String runtime) {

  public Container {
    networkingConfig = networkingConfig == null ? NetworkingConfig.empty() : networkingConfig;
  }

  /** Where a container sits on the network: empty for none/host, the bridge endpoint otherwise. */
  public record Endpoint(String networkMode, String ipAddress, int prefixLen, String gateway, String macAddress,
      String endpointId) {
    public static Endpoint none(String mode) {
      return new Endpoint(mode, "", 0, "", "", "");
    }
  }

  public Container withState(ContainerState newState) {
    return new Container(id, name, created, path, args, config, hostConfig, networkingConfig, image, imageName,
        rwLayer, initLayer, newState, restartCount, endpoint, runtime);
  }

  public Container withName(String newName) {
    return new Container(id, newName, created, path, args, config, hostConfig, networkingConfig, image, imageName,
        rwLayer, initLayer, state, restartCount, endpoint, runtime);
  }

  public Container withEndpoint(Endpoint newEndpoint) {
    return new Container(id, name, created, path, args, config, hostConfig, networkingConfig, image, imageName,
        rwLayer, initLayer, state, restartCount, newEndpoint, runtime);
  }

  public Container withRestartCount(int count) {
    return new Container(id, name, created, path, args, config, hostConfig, networkingConfig, image, imageName,
        rwLayer, initLayer, state, count, endpoint, runtime);
  }

  public Container withHostConfig(HostConfig newHostConfig) {
    return new Container(id, name, created, path, args, config, newHostConfig, networkingConfig, image, imageName,
        rwLayer, initLayer, state, restartCount, endpoint, runtime);
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
