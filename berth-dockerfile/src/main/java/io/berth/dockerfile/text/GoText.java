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
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    s.codePoints().forEach(c -> appendQuoted(out, c));
    return out.append('"').toString();
  }

  /** fmt's {@code %q} of a []string: {@code ["a" "b"]}. */
  public static String quoteList(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(quote(values.get(i)));
    }
    return out.append(']').toString();
  }

  private static void appendQuoted(StringBuilder out, int c) {
    if (c == '"' || c == '\\') {
      out.append('\\').appendCodePoint(c);
    } else if (isPrint(c)) {
      out.appendCodePoint(c);
    } else {
      switch (c) {
        case 0x07 -> out.append("\\a");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case 0x0B -> out.append("\\v");
        default -> {
          if (c < ' ' || c == 0x7F) {
            out.append("\\x").append(hex(c, 2));
          } else if (Character.isSurrogate((char) c) && c <= 0xFFFF) {
            out.append("\\ufffd");
          } else if (c < 0x10000) {
            out.append("\\u").append(hex(c, 4));
          } else {
            out.append("\\U").append(hex(c, 8));
          }
        }
      }
    }
  }

  /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
  static boolean isPrint(int c) {
    if (c == ' ') {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
      default -> false;
    };
  }

  private static String hex(int value, int digits) {
    String h = Integer.toHexString(value);
    return "0".repeat(Math.max(0, digits - h.length())) + h;
  }
}
