package io.berth.dockerfile.ignore;

import io.berth.dockerfile.DockerfileException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One cleaned .dockerignore pattern (patternmatcher.Pattern), compiled on first use into the
 * cheapest matcher that fits: exact, prefix ({@code dir/**}), suffix ({@code **}{@code /x}) or regexp.
 */
public final class IgnorePattern {
  private enum Kind { EXACT, PREFIX, SUFFIX, REGEXP }

  private final String cleaned;
  private final boolean exclusion;
  private final int depth;
  private Kind kind;
  private Pattern regexp;

  IgnorePattern(String cleaned, boolean exclusion) {
    this.cleaned = cleaned;
    this.exclusion = exclusion;
    this.depth = cleaned.split("/", -1).length;
  }

  /** The pattern as cleaned, without its {@code !}. */
  @Override
  public String toString() {
    return cleaned;
  }

  public boolean exclusion() {
    return exclusion;
  }

  int depth() {
    return depth;
  }

  boolean match(String path) {
    if (kind == null) {
      compile();
    }
    return switch (kind) {
      case EXACT -> path.equals(cleaned);
      case PREFIX -> path.startsWith(cleaned.substring(0, cleaned.length() - 2));
      case SUFFIX -> {
        String suffix = cleaned.substring(2);
        yield path.endsWith(suffix) || (!suffix.isEmpty() && suffix.charAt(0) == '/' && path.equals(suffix.substring(1)));
      }
      case REGEXP -> regexp.matcher(path).find();
    };
  }

  private void compile() {
    StringBuilder re = new StringBuilder("^");
    Kind detected = Kind.EXACT;
    int[] runes = cleaned.codePoints().toArray();
    int pos = 0;
    boolean inClass = false;
    for (int i = 0; pos < runes.length; i++) {
      int ch = runes[pos++];
      if (inClass && (ch == '[' || ch == '&')) {
        re.append('\\').appendCodePoint(ch); // literal in Go's classes, operators in Java's
        continue;
      }
      int peek = pos < runes.length ? runes[pos] : -1;
      if (ch == '*') {
        if (peek == '*') {
          pos++;
          if (pos < runes.length && runes[pos] == '/') {
            pos++; // **/ is ** that eats the slash
          }
          if (pos >= runes.length) {
            if (detected == Kind.EXACT) {
              detected = Kind.PREFIX; // "**" at the end: everything below, as .gitignore
            } else {
              re.append(".*");
              detected = Kind.REGEXP;
            }
          } else {
            re.append("(.*/)?");
            detected = Kind.REGEXP;
          }
          if (i == 0) {
            detected = Kind.SUFFIX;
          }
        } else {
          re.append("[^/]*");
          detected = Kind.REGEXP;
        }
      } else if (ch == '?') {
        re.append("[^/]");
        detected = Kind.REGEXP;
      } else if (".+()|{}$".indexOf(ch) >= 0) {
        re.append('\\').appendCodePoint(ch);
      } else if (ch == '\\') {
        if (peek != -1) {
          re.append('\\').appendCodePoint(runes[pos++]);
          detected = Kind.REGEXP;
        } else {
          re.append("\\\\");
        }
      } else if (ch == '[' || ch == ']') {
        inClass = ch == '[';
        re.appendCodePoint(ch);
        detected = Kind.REGEXP;
      } else {
        re.appendCodePoint(ch);
      }
    }
    if (detected == Kind.REGEXP) {
      re.append("\\z");
      try {
        regexp = Pattern.compile(re.toString(), Pattern.UNIX_LINES);
      } catch (PatternSyntaxException e) {
        throw new DockerfileException("syntax error in pattern"); // filepath.ErrBadPattern, every time
      }
    }
    kind = detected;
  }
}
