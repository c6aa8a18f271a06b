package io.berth.template;

import java.math.BigInteger;

/** Go literal syntax: strconv.Unquote, UnquoteChar, ParseInt(s, 0, 64) and ParseFloat, as the template parser uses them. */
final class GoLiterals {
  private GoLiterals() {}

  private static IllegalArgumentException syntax() {
    return new IllegalArgumentException("invalid syntax");
  }

  /** strconv.Unquote for "..." and `...` literals. */
  static String unquote(String s) {
    int n = s.length();
    if (n < 2) throw syntax();
    char q = s.charAt(0);
    if (q != s.charAt(n - 1)) throw syntax();
    String body = s.substring(1, n - 1);
    if (q == '`') {
      if (body.indexOf('`') >= 0) throw syntax();
      return body.indexOf('\r') >= 0 ? body.replace("\r", "") : body;
    }
    if (q != '"') throw syntax();
    if (body.indexOf('\\') < 0 && body.indexOf('"') < 0 && body.indexOf('\n') < 0) return body;
    StringBuilder out = new StringBuilder(body.length());
    int[] i = {0};
    while (i[0] < body.length()) {
      char c = body.charAt(i[0]);
      if (c == '"' || c == '\n') throw syntax();
      if (c != '\\') {
        out.append(c);
        i[0]++;
        continue;
      }
      appendEscape(body, i, '"', out);
    }
    return out.toString();
  }

  /** Decodes a character constant such as 'a' or '\n' to its code point. */
  static int unquoteChar(String text) {
    if (text.length() < 3 || text.charAt(0) != '\'') throw syntax();
    String body = text.substring(1);
    StringBuilder out = new StringBuilder();
    int[] i = {0};
    char c = body.charAt(0);
    if (c == '\\') {
      appendEscape(body, i, '\'', out);
    } else if (c == '\'') {
      throw syntax();
    } else {
      int cp = body.codePointAt(0);
      out.appendCodePoint(cp);
      i[0] = Character.charCount(cp);
    }
    if (!body.substring(i[0]).equals("'")) throw new IllegalArgumentException("malformed character constant: " + text);
    return out.codePointAt(0);
  }

  /** Appends the escape at s[i] (a backslash) and advances i past it. */
  private static void appendEscape(String s, int[] i, char quote, StringBuilder out) {
    int p = i[0] + 1;
    if (p >= s.length()) throw syntax();
    char c = s.charAt(p++);
    switch (c) {
      case 'a' -> out.append('\u0007');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'v' -> out.append('\u000b');
      case '\\' -> out.append('\\');
      case '\'', '"' -> {
        if (c != quote) throw syntax();
        out.append(c);
      }
      case 'x', 'u', 'U' -> {
        int len = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        if (p + len > s.length()) throw syntax();
        int v = 0;
        for (int k = 0; k < len; k++) {
          int d = Character.digit(s.charAt(p + k), 16);
          if (d < 0) throw syntax();
          v = v * 16 + d;
        }
        p += len;
        if (c == 'x') {
          // A byte; in valid text only ASCII survives as itself.
          out.append(v < 0x80 ? (char) v : '\uFFFD');
        } else {
          if (v > 0x10FFFF || (v >= 0xD800 && v < 0xE000)) throw syntax();
          out.appendCodePoint(v);
        }
      }
      case '0', '1', '2', '3', '4', '5', '6', '7' -> {
        if (p + 2 > s.length()) throw syntax();
        int v = c - '0';
        for (int k = 0; k < 2; k++) {
          int d = s.charAt(p + k) - '0';
          if (d < 0 || d > 7) throw syntax();
          v = v * 8 + d;
        }
        if (v > 255) throw syntax();
        p += 2;
        out.append(v < 0x80 ? (char) v : '\uFFFD');
      }
      default -> throw syntax();
    }
    i[0] = p;
  }

  /** strconv.ParseInt(text, 0, ...) without the range check; null when the text is not an integer literal. */
  static BigInteger parseInteger(String text) {
    String s = text;
    boolean neg = false;
    if (s.startsWith("+") || s.startsWith("-")) {
      neg = s.charAt(0) == '-';
      s = s.substring(1);
    }
    int base = 10;
    boolean prefixed = false;
    if (s.length() > 1 && s.charAt(0) == '0') {
      char b = Character.toLowerCase(s.charAt(1));
      if (b == 'x') base = 16;
      else if (b == 'o') base = 8;
      else if (b == 'b') base = 2;
      if (base != 10) {
        s = s.substring(2);
        prefixed = true;
      } else {
        base = 8;
        s = s.substring(1);
        prefixed = true;
      }
    }
    if (s.indexOf('_') >= 0) {
      if (!underscoreOK(text)) return null;
      s = s.replace("_", "");
    }
    if (s.isEmpty()) return prefixed && base == 8 ? BigInteger.ZERO : null;
    for (int k = 0; k < s.length(); k++) if (Character.digit(s.charAt(k), base) < 0) return null;
    BigInteger v = new BigInteger(s, base);
    return neg ? v.negate() : v;
  }

  /** Go's rule: underscores may only separate digits (or follow a base prefix). */
  private static boolean underscoreOK(String s) {
    char saw = '^';
    int i = 0;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) s = s.substring(1);
    boolean hex = false;
    if (s.length() >= 2 && s.charAt(0) == '0') {
      char b = Character.toLowerCase(s.charAt(1));
      if (b == 'b' || b == 'o' || b == 'x') {
        hex = b == 'x';
        i = 2;
        saw = '0';
      }
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= '0' && c <= '9') || (hex && Character.digit(c, 16) >= 0)) {
        saw = '0';
        continue;
      }
      if (c == '_') {
        if (saw != '0') return false;
        saw = '_';
        continue;
      }
      if (saw == '_') return false;
      saw = '!';
    }
    return saw != '_';
  }

  /** strconv.ParseFloat(text, 64) for Go literal syntax; null when invalid. */
  static Double parseFloat(String text) {
    String s = text;
    if (s.indexOf('_') >= 0) {
      if (!underscoreOK(s)) return null;
      s = s.replace("_", "");
    }
    String body = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
    if (body.isEmpty()) return null;
    try {
      if (body.startsWith("0x") || body.startsWith("0X")) {
        if (body.indexOf('p') < 0 && body.indexOf('P') < 0) return null;
        return Double.parseDouble(s);
      }
      for (int k = 0; k < body.length(); k++) {
        char c = body.charAt(k);
        if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) return null;
      }
      if (body.equals(".")) return null;
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
