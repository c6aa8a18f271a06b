package io.berth.dockerfile.parser;

/** A parse warning, as BuildKit reports empty continuation lines, and the line it ends on. */
public record Warning(String shortText, String detail, String url, int line) {}
