package io.berth.dockerfile.parser;

/** A parser directive at the top of a Dockerfile ({@code # escape=`}) and the line it is on. */
public record Directive(String name, String value, int line) {}
