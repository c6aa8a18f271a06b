package io.berth.dockerfile.instructions;

/** One {@code RUN --device=name[,required]} (a CDI device; BuildKit's labs channel only). */
public record Device(String name, boolean required) {}
