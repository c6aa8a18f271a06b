package io.berth.engine.container.config;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The body of {@code POST /containers/create}: the Config with HostConfig and NetworkingConfig beside it. */
public record CreateRequest(@JsonUnwrapped ContainerConfig config, HostConfig hostConfig,
    NetworkingConfig networkingConfig) {
  public CreateRequest {
    config = config == null ? ContainerConfig.empty() : config;
    hostConfig = hostConfig == null ? HostConfig.empty() : hostConfig;
    networkingConfig = networkingConfig == null ? NetworkingConfig.empty() : networkingConfig;
  }
}
