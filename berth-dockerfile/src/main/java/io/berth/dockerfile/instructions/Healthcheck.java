package io.berth.dockerfile.instructions;

/** {@code HEALTHCHECK [--interval ...] CMD ...} or {@code HEALTHCHECK NONE}. */
public record Healthcheck(SourceInfo source, HealthConfig health) implements Instruction {}
