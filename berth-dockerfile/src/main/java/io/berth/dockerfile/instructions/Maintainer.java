package io.berth.dockerfile.instructions;

/** {@code MAINTAINER name} (deprecated; sets the image's Author). */
public record Maintainer(SourceInfo source, String maintainer) implements Instruction {}
