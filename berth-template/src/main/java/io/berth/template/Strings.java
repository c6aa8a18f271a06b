package io.berth.template;

import java.util.ArrayList;
import java.util.List;

/** Go's strings.Split, Title, ToLower and ToUpper: rune by rune, without Java's locale-sensitive special cases. */
final class Strings {
  private Strings() {}

  static List<String> split(String s, String sep) {
    List<String> out = new ArrayList<>();
    if (sep.isEmpty()) {
      for (int i = 0; i < s.length(); ) {
        int cp = s.codePointAt(i);
        int n = Character.charCount(cp);
        out.add(s.substring(i, i + n));
        i += n;
      }
      return out;
    }
    int start = 0;
    while (true) {
      int at = s.indexOf(sep, start);
      if (at < 0) break;
      out.add(s.substring(start, at));
      start = at + sep.length();
    }
    out.add(s.substring(start));
    return out;
  }

  static String lower(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toLowerCase(cp)));
    return sb.toString();
  }

  static String upper(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toUpperCase(cp)));
    return sb.toString();
  }

  /** strings.Title: title-cases the first letter of each word; words are split at separators. */
  static String title(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    int prev = ' ';
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      sb.appendCodePoint(isSeparator(prev) ? Character.toTitleCase(r) : r);
      prev = r;
    }
    return sb.toString();
  }

  private static boolean isSeparator(int r) {
    if (r <= 0x7f) {
      return !(('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || r == '_');
    }
    if (Character.isLetter(r) || Character.isDigit(r)) return false;
    return Character.isWhitespace(r) || Character.isSpaceChar(r);
  }
}
