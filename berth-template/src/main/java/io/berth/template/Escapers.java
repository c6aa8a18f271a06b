package io.berth.template;

import java.nio.charset.StandardCharsets;

/** text/template's html, js and urlquery escapers. */
final class Escapers {
  private Escapers() {}

  static String html(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep = switch (c) {
        case '"' -> "&#34;";
        case '\'' -> "&#39;";
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '\0' -> "\uFFFD";
        default -> null;
      };
      if (rep == null) {
        if (sb != null) sb.append(c);
        continue;
      }
      if (sb == null) sb = new StringBuilder(s.length() + 16).append(s, 0, i);
      sb.append(rep);
    }
    return sb == null ? s : sb.toString();
  }

  private static final String HEX = "0123456789ABCDEF";

  static String js(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      if (r < 0x80) {
        switch (r) {
          case '\\' -> sb.append("\\\\");
          case '\'' -> sb.append("\\'");
          case '"' -> sb.append("\\\"");
          case '<' -> sb.append("\\u003C");
          case '>' -> sb.append("\\u003E");
          case '&' -> sb.append("\\u0026");
          case '=' -> sb.append("\\u003D");
          default -> {
            if (r < ' ') sb.append("\\u00").append(HEX.charAt(r >> 4)).append(HEX.charAt(r & 0xf));
            else sb.append((char) r);
          }
        }
      } else if (GoFormat.isPrint(r)) {
        sb.appendCodePoint(r);
      } else {
        String h = Integer.toHexString(r).toUpperCase();
        sb.append("\\u").append("0".repeat(Math.max(0, 4 - h.length()))).append(h);
      }
    }
    return sb.toString();
  }

  /** url.QueryEscape. */
  static String queryEscape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        sb.append((char) c);
      } else if (c == ' ') {
        sb.append('+');
      } else {
        sb.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
      }
    }
    return sb.toString();
  }
}
