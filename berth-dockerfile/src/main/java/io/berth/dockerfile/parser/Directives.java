package io.berth.dockerfile.parser;

import io.berth.dockerfile.DockerfileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parse state the directives set: the escape token (backslash or backtick) and with it the
 * line-continuation rule, plus the directives seen.
 */
final class Directives {
  static final int DEFAULT_ESCAPE = '\\';

  private final DirectiveParser parser = new DirectiveParser();
  private final List<Directive> seen = new ArrayList<>();
  private int escapeToken;
  private Pattern continuation;

  Directives() {
    setEscapeToken("\\");
  }

  int escapeToken() {
    return escapeToken;
  }

  List<Directive> seen() {
    return List.copyOf(seen);
  }

  private void setEscapeToken(String token) {
    if (!token.equals("`") && !token.equals("\\")) {
      throw new DockerfileException("invalid escape token '" + token + "' does not match ` or \\");
    }
    escapeToken = token.charAt(0);
    String q = token.equals("\\") ? "\\\\" : "`";
    // The escape token is a continuation when it ends the line, unless escaped itself; like
    // BuildKit's, the rule cannot tell "foo \\\" (an escaped escape, then a continuation).
    continuation = Pattern.compile("([^" + q + "])" + q + "[ \\t]*\\z|^" + q + "[ \\t]*\\z");
  }

  /** Reads a possible directive; true if the line was one. */
  boolean possibleParserDirective(String line) {
    Optional<Directive> directive = parser.parseLine(line);
    if (directive.isEmpty()) {
      return false;
    }
    if (directive.get().name().equals(DirectiveParser.ESCAPE)) {
      setEscapeToken(directive.get().value());
    }
    seen.add(directive.get());
    return true;
  }

  /** The line without its continuation token, and whether the instruction ends on it. */
  record Trimmed(String text, boolean endOfLine) {}

  Trimmed trimContinuation(String line) {
    Matcher m = continuation.matcher(line);
    if (m.find()) {
      return new Trimmed(m.replaceAll("$1"), false);
    }
    return new Trimmed(line, true);
  }
}
