package io.berth.engine.container.config;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The body of {@code POST /containers/{id}/update}: new resource limits and an optional restart policy. */
public record UpdateRequest(@JsonUnwrapped Resources resources, RestartPolicy restartPolicy) {
  public UpdateRequest {
    resources = resources == null ? Resources.none() : resources;
  }
}
