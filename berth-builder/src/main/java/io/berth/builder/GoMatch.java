package io.berth.builder;

/**
 * Go's path.Match (filepath.Match on Unix), which the classic builder uses for COPY and ADD wildcards:
 * {@code *} matches any run of non-'/' characters, {@code ?} one, {@code [...]} a class with ranges and
 * {@code ^} negation, {@code \} escapes. A malformed pattern matches nothing (moby ignores the error).
 */
final class GoMatch {
  private GoMatch() {}

  /** True if the pattern holds a wildcard character (moby's containsWildcards). */
  static boolean hasWildcards(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }

  static boolean match(String pattern, String name) {
    try {
      return matchFrom(pattern, 0, name, 0);
    } catch (IllegalArgumentException bad) {
      return false;
    }
  }

  private static boolean matchFrom(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        pi++;
        while (pi < p.length() && p.charAt(pi) == '*') {
          pi++;
        }
        if (pi == p.length()) {
          return s.indexOf('/', si) < 0;
        }
        for (int k = si; k <= s.length(); k++) {
          if (matchFrom(p, pi, s, k)) {
            return true;
          }
          if (k < s.length() && s.charAt(k) == '/') {
            return false;
          }
        }
        return false;
      }
      if (si >= s.length()) {
        return false;
      }
      char ch = s.charAt(si);
      if (c == '?') {
        if (ch == '/') {
          return false;
        }
        pi++;
        si++;
      } else if (c == '[') {
        int end = classEnd(p, pi);
        if (ch == '/' || !classMatches(p, pi + 1, end, ch)) {
          return false;
        }
        pi = end + 1;
        si++;
      } else {
        if (c == '\\') {
          pi++;
          if (pi >= p.length()) {
            throw new IllegalArgumentException("bad pattern");
          }
          c = p.charAt(pi);
        }
        if (c != ch) {
          return false;
        }
        pi++;
        si++;
      }
    }
    return si == s.length();
  }

  /** The index of the ']' that closes the class opened at {@code open}. */
  private static int classEnd(String p, int open) {
    int i = open + 1;
    if (i < p.length() && p.charAt(i) == '^') {
      i++;
    }
    boolean first = true;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == ']' && !first) {
        return i;
      }
      if (c == '\\') {
        i++;
      }
      first = false;
      i++;
    }
    throw new IllegalArgumentException("bad pattern");
  }

  private static boolean classMatches(String p, int from, int end, char ch) {
    boolean negated = p.charAt(from) == '^';
    int i = negated ? from + 1 : from;
    boolean matched = false;
    while (i < end) {
      char lo = p.charAt(i);
      if (lo == '\\') {
        lo = p.charAt(++i);
      }
      i++;
      char hi = lo;
      if (i + 1 < end && p.charAt(i) == '-') {
        hi = p.charAt(i + 1);
        if (hi == '\\') {
          hi = p.charAt(i + 2);
          i++;
        }
        i += 2;
      }
      if (lo <= ch && ch <= hi) {
        matched = true;
      }
    }
    return matched != negated;
  }
}
