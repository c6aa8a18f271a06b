package io.berth.dockerfile.ignore;

import io.berth.dockerfile.DockerfileException;
import java.util.ArrayDeque;
import java.util.Deque;

/** Go's path.Clean and path.Dir, and the syntax check of filepath.Match, for slash paths. */
final class GoPath {
  private GoPath() {}

  static String clean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.charAt(0) == '/';
    Deque<String> out = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!out.isEmpty() && !out.peekLast().equals("..")) {
          out.removeLast();
        } else if (!rooted) {
          out.addLast("..");
        }
        continue;
      }
      out.addLast(part);
    }
    String joined = String.join("/", out);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  static String dir(String path) {
    int slash = path.lastIndexOf('/');
    return clean(slash < 0 ? "" : path.substring(0, slash + 1));
  }

  /** filepath.Match's ErrBadPattern: a bad character class or a trailing backslash. */
  static void checkMatchSyntax(String pattern) {
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
