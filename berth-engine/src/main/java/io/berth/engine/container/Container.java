package io.berth.engine.container;

import io.berth.common.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One container as stored: what it was created with ({@code config} and {@code hostConfig} in
 * the Engine API's shapes), from which image, its layers, its network endpoint and its state.
 */
public record Container(String id, String name, Instant created, String path, List<String> args,
    Map<String, Object> config, Map<String, Object> hostConfig, Digest image, String imageName,
    String rwLayer, String initLayer, ContainerState state, int restartCount, Endpoint endpoint,
    String runtime) {

  /** Where a container sits on the network: empty for none/host, the bridge endpoint otherwise. */
  public record Endpoint(String networkMode, String ipAddress, int prefixLen, String gateway, String macAddress,
      String endpointId) {
    public static Endpoint none(String mode) {
      return new Endpoint(mode, "", 0, "", "", "");
    }
  }

  public Container withState(ContainerState newState) {
    return new Container(id, name, created, path, args, config, hostConfig, image, imageName, rwLayer, initLayer,
        newState, restartCount, endpoint, runtime);
  }

  public Container withName(String newName) {
    return new Container(id, newName, created, path, args, config, hostConfig, image, imageName, rwLayer, initLayer,
        state, restartCount, endpoint, runtime);
  }

  public Container withEndpoint(Endpoint newEndpoint) {
    return new Container(id, name, created, path, args, config, hostConfig, image, imageName, rwLayer, initLayer,
        state, restartCount, newEndpoint, runtime);
  }

  public Container withRestartCount(int count) {
    return new Container(id, name, created, path, args, config, hostConfig, image, imageName, rwLayer, initLayer,
        state, count, endpoint, runtime);
  }

  public Container withHostConfig(Map<String, Object> newHostConfig) {
    return new Container(id, name, created, path, args, config, newHostConfig, image, imageName, rwLayer, initLayer,
        state, restartCount, endpoint, runtime);
  }

  public boolean tty() {
    return Boolean.TRUE.equals(config.get("Tty"));
  }

  @SuppressWarnings("unchecked")
  public Map<String, String> labels() {
    return config.get("Labels") instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
  }

  public String shortId() {
    return id.substring(0, 12);
  }
}
