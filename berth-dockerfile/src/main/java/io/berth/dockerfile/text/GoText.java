package io.berth.dockerfile.text;

import java.util.List;

/**
 * Go's string primitives where Java's differ: {@code unicode.IsSpace} (Java's isWhitespace
 * leaves out NBSP and counts the ASCII separators 0x1c-0x1f), {@code strings.TrimSpace},
 * {@code strconv.Quote} and {@code %q} of a string slice, which BuildKit's AST dump prints.
 */
public final class GoText {
  private GoText() {}

  /** Go's unicode.IsSpace. */
  public static boolean isSpace(int c) {
    if (c <= 0xFF) {
      return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0;
    }
    int type = Character.getType(c);
    return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  /** Go's strings.TrimSpace. */
  public static String trimSpace(String s) {
    return trimRightSpace(trimLeftSpace(s));
  }

  /** Go's strings.TrimLeftFunc(s, unicode.IsSpace). */
  public static String trimLeftSpace(String s) {
    int i = 0;
    while (i < s.length()) {
      int c = s.codePointAt(i);
      if (!isSpace(c)) {
        break;
      }
      i += Character.charCount(c);
    }
    return s.substring(i);
  }

  /** Go's strings.TrimRightFunc(s, unicode.IsSpace). */
  public static String trimRightSpace(String s) {
    int end = s.length();
    while (end > 0) {
      int c = s.codePointBefore(end);
      if (!isSpace(c)) {
        break;
      }
      end -= Character.charCount(c);
    }
    return s.substring(0, end);
  }

  /** Go's strconv.Quote: printable runes as they are, the rest escaped in Go's forms. */
  public static String quote(String s) {
    return io.berth.template.GoQuote.quote(s);
  }

  /** fmt's {@code %q} of a []string: {@code ["a" "b"]}. */
  public static String quoteList(List<String> values) {
    if (values == null) {
      return "[]"; // a nil slice prints as an empty one
    }
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(quote(values.get(i)));
    }
    return out.append(']').toString();
  }
}
