package io.berth.dockerfile.instructions;

/** A file given inline to COPY or ADD by a here-document; {@code expand} unless the delimiter was quoted. */
public record SourceContent(String path, String data, boolean expand) {}
