package io.berth.dockerfile.instructions;

/** A here-document given to RUN: its delimiter name, its text, and whether {@code <<-} was used. */
public record InlineFile(String name, String data, boolean chomp) {}
