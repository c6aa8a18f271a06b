package io.berth.engine.container.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * HostConfig.NetworkMode: the default bridge, the host's network, none, another container's network, or a
 * user-defined network by name or ID. On the wire it is a string ("default" and "" mean the bridge).
 */
public sealed interface NetworkMode {
  @JsonValue
  String value();

  record Bridge(String value) implements NetworkMode {}

  record Host() implements NetworkMode {
    @Override
    public String value() {
      return "host";
    }
  }

  record None() implements NetworkMode {
    @Override
    public String value() {
      return "none";
    }
  }

  /** {@code container:NAME|ID}: joins that container's network namespace. */
  record Container(String container) implements NetworkMode {
    @Override
    public String value() {
      return "container:" + container;
    }
  }

  /** A user-defined network, by name or ID. */
  record Named(String network) implements NetworkMode {
    @Override
    public String value() {
      return network;
    }
  }

  @JsonCreator
  static NetworkMode parse(String value) {
    if (value == null || value.isEmpty() || value.equals("default") || value.equals("bridge")) {
      return new Bridge(value == null ? "" : value);
    }
    if (value.equals("host")) {
      return new Host();
    }
    if (value.equals("none")) {
      return new None();
    }
    if (value.startsWith("container:")) {
      return new Container(value.substring("container:".length()));
    }
    return new Named(value);
  }

  /** The default bridge, under the name dockerd records for it. */
  static NetworkMode bridge() {
    return new Bridge("bridge");
  }

  default boolean isBridge() {
    return this instanceof Bridge;
  }
}
