package io.berth.common;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Go's path.Clean, Join, Base and Dir for slash paths: Docker applies them to tar names,
 * container paths and cgroup paths, and berth must get the same answers.
 */
public final class GoPath {
  private GoPath() {}

  /** Lexical cleaning: no "//", no ".", inner ".." folded, ".." above "/" dropped; "" becomes ".". */
  public static String clean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    if (isClean(path)) {
      return path; // most paths (tar names, paths in a container) are: no parts to split and join again
    }
    boolean rooted = path.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
          parts.removeLast();
        } else if (!rooted) {
          parts.addLast("..");
        }
        continue;
      }
      parts.addLast(part);
    }
    String body = String.join("/", parts);
    if (rooted) {
      return "/" + body;
    }
    return body.isEmpty() ? "." : body;
  }

  /** Whether clean would give the path back as it is: no empty, "." or ".." element, no trailing "/". */
  private static boolean isClean(String path) {
    if (path.equals("/") || path.equals(".")) {
      return true;
    }
    int n = path.length();
    if (path.charAt(n - 1) == '/') {
      return false;
    }
    int start = path.charAt(0) == '/' ? 1 : 0;
    while (start <= n) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? n : slash;
      int len = end - start;
      if (len == 0 || (path.charAt(start) == '.' && (len == 1 || (len == 2 && path.charAt(start + 1) == '.')))) {
        return false;
      }
      if (slash < 0) {
        return true;
      }
      start = slash + 1;
    }
    return true;
  }

  /** The non-empty elements joined by "/", then cleaned; "" when all are empty. */
  public static String join(String... elements) {
    StringBuilder sb = new StringBuilder();
    for (String e : elements) {
      if (!e.isEmpty()) {
        if (!sb.isEmpty()) {
          sb.append('/');
        }
        sb.append(e);
      }
    }
    return sb.isEmpty() ? "" : clean(sb.toString());
  }

  /** The last element, trailing slashes ignored; "/" for the root, "." for "". */
  public static String base(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    if (end == 0) {
      return "/";
    }
    String trimmed = path.substring(0, end);
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  /** All but the last element, cleaned. */
  public static String dir(String path) {
    int i = path.lastIndexOf('/');
    return clean(path.substring(0, i + 1));
  }
}
