package io.berth.engine.container.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One host side of a published port (HostConfig.PortBindings values). */
public record PortBinding(@JsonProperty("HostIp") String hostIp, @JsonProperty("HostPort") String hostPort) {
  public PortBinding {
    hostIp = hostIp == null ? "" : hostIp;
    hostPort = hostPort == null ? "" : hostPort;
  }
}
