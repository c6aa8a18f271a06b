package io.berth.dockerfile.instructions;

/** {@code ENTRYPOINT}; an empty command ({@code ENTRYPOINT []}) resets the entrypoint to none. */
public record Entrypoint(SourceInfo source, CommandLine command) implements Instruction {}
