package io.berth.engine.container.config;

import java.util.Map;

/** The create request's NetworkingConfig: endpoint settings per network name. */
public record NetworkingConfig(Map<String, EndpointSettings> endpointsConfig) {
  public NetworkingConfig {
    endpointsConfig = endpointsConfig == null ? Map.of() : java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(endpointsConfig));
  }

  public static NetworkingConfig empty() {
    return new NetworkingConfig(Map.of());
  }
}
