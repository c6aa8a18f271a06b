package io.berth.dockerfile.instructions;

/** {@code CMD}: the default command (shell or exec form; {@code CMD []} is an empty list). */
public record Cmd(SourceInfo source, CommandLine command) implements Instruction {}
