package io.berth.registry.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request the registry refuses, as the specification's error body says it:
 * {@code {"errors":[{"code":..,"message":..,"detail":..}]}}. Handlers throw it; the dispatcher answers it.
 */
public final class RegistryError extends RuntimeException {
  private final ErrorCode code;
  private final int status;
  private final transient Object detail;

  RegistryError(ErrorCode code, int status, String message, Object detail) {
    super(message, null, false, false);
    this.code = code;
    this.status = status;
    this.detail = detail;
  }

  public int status() {
    return status;
  }

  /** The body: one error in the spec's list. */
  public Map<String, Object> body() {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code.name());
    error.put("message", getMessage());
    if (detail != null) {
      error.put("detail", detail);
    }
    return Map.of("errors", List.of(error));
  }
}
