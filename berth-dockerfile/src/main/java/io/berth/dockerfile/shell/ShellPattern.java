package io.berth.dockerfile.shell;

import io.berth.dockerfile.DockerfileException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell wildcard patterns of {@code ${VAR#pat}}, {@code ${VAR%pat}} and {@code ${VAR/pat/r}}:
 * {@code ?} is one character, {@code *} the shortest or longest run, a backslash escapes
 * {@code *}, {@code ?} and itself (BuildKit's convertShellPatternToRegex and friends).
 */
final class ShellPattern {
  private ShellPattern() {}

  /** The regular expression text BuildKit builds for a pattern. */
  static String toRegex(String pattern, boolean greedy, boolean anchored) {
    StringBuilder out = new StringBuilder(pattern.length() + 4);
    if (anchored) {
      out.append('^');
    }
    String star = greedy ? ".*" : ".*?";
    int[] runes = pattern.codePoints().toArray();
    for (int i = 0; i < runes.length; i++) {
      int tok = runes[i];
      switch (tok) {
        case '*' -> {
          out.append(star);
          continue;
        }
        case '?' -> {
          out.append('.');
          continue;
        }
        case '\\' -> {
          int peek = i + 1 < runes.length ? runes[i + 1] : ShellLex.EOF;
          // \} and \/ escape the ${} syntax, not the pattern
          if (peek == '}' || peek == '/') {
            continue;
          }
          out.append('\\');
          i++;
          tok = peek;
          if (tok != '*' && tok != '?' && tok != '\\') {
            throw new DockerfileException("invalid escape '\\" + (tok < 0 ? "\uFFFD" : Character.toString(tok)) + "'");
          }
        }
        case '[', ']', '{', '}', '.', '+', '(', ')', '|', '^', '$' -> out.append('\\');
        default -> {
        }
      }
      out.appendCodePoint(tok);
    }
    return out.toString();
  }

  static Pattern compile(String pattern, boolean greedy, boolean anchored) {
    return Pattern.compile(toRegex(pattern, greedy, anchored), Pattern.UNIX_LINES);
  }

  /** ${VAR#pattern} / ${VAR##pattern}. */
  static String trimPrefix(String pattern, String value, boolean greedy) {
    Matcher m = compileForSubstitution(pattern, greedy, true).matcher(value);
    return m.find() ? value.substring(m.end()) : value;
  }

  /** ${VAR%pattern} / ${VAR%%pattern}: the shortest or longest suffix, found on the reversed text. */
  static String trimSuffix(String pattern, String value, boolean greedy) {
    return reverseString(trimPrefix(reversePattern(pattern), reverseString(value), greedy));
  }

  /** ${VAR/pattern/replacement} and ${VAR//pattern/replacement}. */
  static String replace(String pattern, String value, String replacement, boolean all) {
    Matcher m = compileForSubstitution(pattern, true, false).matcher(value);
    if (!all) {
      return m.find() ? value.substring(0, m.start()) + replacement + value.substring(m.end()) : value;
    }
    // Go's Regexp.ReplaceAllString: no replacement for an empty match right after a match
    StringBuilder out = new StringBuilder();
    int lastMatchEnd = 0;
    int searchPos = 0;
    while (searchPos <= value.length() && m.find(searchPos)) {
      out.append(value, lastMatchEnd, m.start());
      if (m.end() > lastMatchEnd || m.start() == 0) {
        out.append(goExpand(replacement, m.group()));
      }
      lastMatchEnd = m.end();
      int width = searchPos < value.length() ? Character.charCount(value.codePointAt(searchPos)) : 1;
      searchPos = searchPos + width > m.end() ? searchPos + width : m.end();
    }
    return out.append(value.substring(lastMatchEnd)).toString();
  }

  private static Pattern compileForSubstitution(String pattern, boolean greedy, boolean anchored) {
    try {
      return compile(pattern, greedy, anchored);
    } catch (DockerfileException e) {
      throw new DockerfileException("invalid pattern (" + pattern + ") in substitution: " + e.getMessage());
    }
  }

  /** Go's Regexp.Expand of a replacement: {@code $$} is a dollar, {@code $0} the match, other groups empty. */
  static String goExpand(String template, String match) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
        continue;
      }
      i++;
      if (i < template.length() && template.charAt(i) == '$') {
        out.append('$');
        i++;
        continue;
      }
      int end;
      String name;
      if (i < template.length() && template.charAt(i) == '{') {
        int close = template.indexOf('}', i + 1);
        name = close < 0 ? "" : template.substring(i + 1, close);
        end = close + 1;
        if (close < 0 || !isName(name)) {
          out.append('$');
          continue;
        }
      } else {
        end = i;
        while (end < template.length() && isNameChar(template.charAt(end))) {
          end++;
        }
        name = template.substring(i, end);
        if (name.isEmpty()) {
          out.append('$');
          continue;
        }
      }
      if (name.chars().allMatch(Character::isDigit) && name.chars().allMatch(d -> d == '0')) {
        out.append(match);
      }
      i = end;
    }
    return out.toString();
  }

  private static boolean isName(String name) {
    return !name.isEmpty() && name.chars().allMatch(ShellPattern::isNameChar);
  }

  private static boolean isNameChar(int c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  /** Reverses a pattern keeping each escape before the character it escapes. */
  static String reversePattern(String pattern) {
    int[] runes = pattern.codePoints().toArray();
    int[] out = new int[runes.length];
    int last = runes.length - 1;
    for (int i = 0; i <= last; ) {
      int tok = runes[i];
      int outIdx = last - i;
      if (tok == '\\' && i != last) {
        out[outIdx - 1] = tok;
        out[outIdx] = runes[i + 1];
        i += 2;
      } else {
        out[outIdx] = tok;
        i++;
      }
    }
    return new String(out, 0, out.length);
  }

  static String reverseString(String s) {
    int[] runes = s.codePoints().toArray();
    for (int i = 0, j = runes.length - 1; i < j; i++, j--) {
      int t = runes[i];
      runes[i] = runes[j];
      runes[j] = t;
    }
    return new String(runes, 0, runes.length);
  }
}
