package io.berth.engine.container.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.List;

/**
 * A health check (Config.Healthcheck, the image's HEALTHCHECK): {@code test} is {@code []} (inherit),
 * {@code ["NONE"]}, {@code ["CMD", args...]} or {@code ["CMD-SHELL", command]}; durations in nanoseconds,
 * 0 meaning the default.
 */
@JsonInclude(Include.NON_DEFAULT)
public record HealthConfig(List<String> test, long interval, long timeout, long startPeriod, long startInterval,
    int retries) {
  public HealthConfig {
    test = ContainerConfig.copy(test);
  }
}
