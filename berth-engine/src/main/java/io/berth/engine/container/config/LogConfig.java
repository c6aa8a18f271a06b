package io.berth.engine.container.config;

import java.util.Map;

/** HostConfig.LogConfig: the log driver and its options ({@code --log-driver}, {@code --log-opt}). */
public record LogConfig(String type, Map<String, String> config) {
  public LogConfig {
    type = type == null ? "" : type;
    config = config == null ? Map.of() : ConfigCodec.copy(config);
  }

  /** A non-empty option, or null. */
  public String option(String name) {
    String v = config.get(name);
    return v == null || v.isEmpty() ? null : v;
  }
}
