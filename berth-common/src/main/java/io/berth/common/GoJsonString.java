package io.berth.common;

/**
 * A string as Go's encoding/json writes it: the short escapes, a six-character escape for other control
 * characters, U+2028 and U+2029 escaped, a lone surrogate (invalid text) as U+FFFD, and
 * {@code <}, {@code >} and {@code &} escaped only where the encoder escapes HTML (its default).
 */
public final class GoJsonString {
  private GoJsonString() {}

  private static final String HEX = "0123456789abcdef";

  public static void quote(String s, boolean escapeHtml, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\u2028', '\u2029' -> sb.append("\\u202").append(HEX.charAt(c & 0xf));
        default -> {
          if (c < 0x20 || escapeHtml && (c == '<' || c == '>' || c == '&')) {
            sb.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
          } else if (Character.isSurrogate(c)) {
            // valid pairs pass through; a lone surrogate is invalid text and becomes U+FFFD
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
              sb.append(c).append(s.charAt(++i));
            } else {
              sb.append("\\ufffd");
            }
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
