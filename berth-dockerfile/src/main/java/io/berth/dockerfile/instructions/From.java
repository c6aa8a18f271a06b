package io.berth.dockerfile.instructions;

/**
 * {@code FROM [--platform=p] base [AS name]}: begins a stage. {@code stageName} is lower-cased
 * ("" when unnamed); {@code baseName} and {@code platform} may hold variables, expanded with the
 * meta args (the ARGs before the first FROM) when the stage is resolved.
 */
public record From(SourceInfo source, String baseName, String stageName, String platform, String docComment)
    implements Instruction {}
