package io.berth.dockerfile.ignore;

import io.berth.dockerfile.DockerfileException;

/** The syntax check of Go's filepath.Match, which patternmatcher runs on every pattern. */
final class MatchSyntax {
  private MatchSyntax() {}

  /** filepath.Match's ErrBadPattern: a bad character class or a trailing backslash. */
  static void check(String pattern) {
    int[] p = pattern.codePoints().toArray();
    int i = 0;
    while (i < p.length) {
      if (p[i] == '\\') {
        if (i + 1 >= p.length) {
          throw bad();
        }
        i += 2;
      } else if (p[i] == '[') {
        i++;
        if (i < p.length && p[i] == '^') {
          i++;
        }
        int ranges = 0;
        while (true) {
          if (i < p.length && p[i] == ']' && ranges > 0) {
            i++;
            break;
          }
          i = escapedChar(p, i);
          if (p[i] == '-') {
            i = escapedChar(p, i + 1);
          }
          ranges++;
        }
      } else {
        i++;
      }
    }
  }

  /** getEsc: one class character, which must be followed by more of the class. */
  private static int escapedChar(int[] p, int i) {
    if (i >= p.length || p[i] == '-' || p[i] == ']') {
      throw bad();
    }
    if (p[i] == '\\') {
      i++;
      if (i >= p.length) {
        throw bad();
      }
    }
    i++;
    if (i >= p.length) {
      throw bad();
    }
    return i;
  }

  private static DockerfileException bad() {
    return new DockerfileException("syntax error in pattern");
  }
}
