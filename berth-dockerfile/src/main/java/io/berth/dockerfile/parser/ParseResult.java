package io.berth.dockerfile.parser;

import java.util.List;
import java.util.Optional;

/**
 * The parsed Dockerfile: the root node (one child per instruction), the escape token in force,
 * the warnings and the parser directives found at the top.
 */
public record ParseResult(Node ast, int escapeToken, List<Warning> warnings, List<Directive> directives) {

  /** The {@code # syntax=} directive's value, if given (the classic builder ignores it). */
  public Optional<String> syntax() {
    return directives.stream().filter(d -> d.name().equals(DirectiveParser.SYNTAX)).map(Directive::value).findFirst();
  }

  /** The warning lines the classic builder writes to the build's stderr (PrintWarnings). */
  public List<String> warningLines() {
    if (warnings.isEmpty()) {
      return List.of();
    }
    java.util.ArrayList<String> lines = new java.util.ArrayList<>();
    for (Warning w : warnings) {
      lines.add("[WARNING]: " + w.shortText());
    }
    lines.add("[WARNING]: Empty continuation lines will become errors in a future release.");
    return lines;
  }
}
