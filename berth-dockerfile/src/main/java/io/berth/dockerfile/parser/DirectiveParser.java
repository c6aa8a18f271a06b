package io.berth.dockerfile.parser;

import io.berth.dockerfile.DockerfileException;
import io.berth.dockerfile.text.GoText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BuildKit's DirectiveParser: {@code # key=value} comments at the very top are directives
 * ({@code syntax}, {@code escape}, {@code check}, keys in any case); the first line that is not
 * one (an empty line, another comment, an instruction, an unknown key) ends them for good.
 * A directive given twice is an error.
 */
public final class DirectiveParser {
  public static final String SYNTAX = "syntax";
  public static final String ESCAPE = "escape";
  public static final String CHECK = "check";
  private static final Set<String> VALID = Set.of(SYNTAX, ESCAPE, CHECK);
  // Go's \s is [\t\n\f\r ]; its '.' is anything but \n
  private static final Pattern DIRECTIVE =
      Pattern.compile("^([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*(.+?)[\\t\\n\\f\\r ]*\\z", Pattern.UNIX_LINES);

  private int line;
  private final String comment;
  private final Set<String> seen = new HashSet<>();
  private boolean done;

  public DirectiveParser() {
    this("#", 0);
  }

  DirectiveParser(String comment, int line) {
    this.comment = comment;
    this.line = line;
  }

  /** The directive on this line, if the line is one; counts lines as it goes. */
  public Optional<Directive> parseLine(String text) {
    line++;
    if (done) {
      return Optional.empty();
    }
    if (!text.startsWith(comment)) {
      done = true;
      return Optional.empty();
    }
    Matcher m = DIRECTIVE.matcher(GoText.trimLeftSpace(text.substring(comment.length())));
    if (!m.find()) {
      done = true;
      return Optional.empty();
    }
    String key = m.group(1).toLowerCase(Locale.ROOT);
    if (!VALID.contains(key)) {
      done = true;
      return Optional.empty();
    }
    if (!seen.add(key)) {
      throw new DockerfileException("only one " + key + " parser directive can be used");
    }
    return Optional.of(new Directive(key, m.group(2), line));
  }

  /** Every directive at the top of a file (BuildKit's ParseAll). */
  public List<Directive> parseAll(String text) {
    List<Directive> directives = new ArrayList<>();
    for (String l : text.split("\r?\n", -1)) {
      if (done) {
        break;
      }
      parseLine(l).ifPresent(directives::add);
    }
    return directives;
  }

  /**
   * BuildKit's DetectSyntax: the {@code syntax} directive's image reference (its first word),
   * after a UTF-8 BOM and a {@code #!} line; {@code //} comments are accepted as well.
   */
  public static Optional<Directive> detectSyntax(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    int start = 0;
    int firstEnd = body.indexOf('\n');
    String firstLine = firstEnd < 0 ? body : body.substring(0, firstEnd);
    if (firstLine.startsWith("#!")) {
      body = firstEnd < 0 ? "" : body.substring(firstEnd + 1);
      start = 1;
    }
    for (String prefix : List.of("#", "//")) {
      DirectiveParser parser = new DirectiveParser(prefix, start);
      for (String l : body.split("\r?\n", -1)) {
        Optional<Directive> d;
        try {
          d = parser.parseLine(l);
        } catch (DockerfileException e) {
          break;
        }
        if (parser.done) {
          break;
        }
        if (d.isPresent() && d.get().name().equals(SYNTAX)) {
          String value = d.get().value();
          int space = value.indexOf(' ');
          return Optional.of(new Directive(SYNTAX, space < 0 ? value : value.substring(0, space), d.get().line()));
        }
      }
    }
    return Optional.empty();
  }
}
