package io.berth.dockerfile.instructions;

import java.time.Duration;
import java.util.List;

/**
 * HEALTHCHECK's result as the image config holds it: {@code ["NONE"]}, {@code ["CMD", ...]} or
 * {@code ["CMD-SHELL", "..."]}; zero durations and retries mean "inherit the default".
 */
public record HealthConfig(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
    Duration startInterval, int retries) {
  public HealthConfig {
    test = List.copyOf(test);
  }
}
