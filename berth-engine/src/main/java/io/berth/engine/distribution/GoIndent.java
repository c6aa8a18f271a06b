package io.berth.engine.distribution;

import java.nio.charset.StandardCharsets;

/** Go's json.MarshalIndent layout for compact JSON: the bytes distribution writes manifests as. */
final class GoIndent {
  private GoIndent() {}

  static byte[] indent(byte[] compact, String unit) {
    String s = new String(compact, StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        out.append(c);
        if (c == '\\') {
          out.append(s.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          inString = true;
          out.append(c);
        }
        case '{', '[' -> {
          char close = c == '{' ? '}' : ']';
          if (i + 1 < s.length() && s.charAt(i + 1) == close) {
            out.append(c).append(close);
            i++;
          } else {
            depth++;
            out.append(c).append('\n').append(unit.repeat(depth));
          }
        }
        case '}', ']' -> {
          depth--;
          out.append('\n').append(unit.repeat(depth)).append(c);
        }
        case ',' -> out.append(",\n").append(unit.repeat(depth));
        case ':' -> out.append(": ");
        default -> out.append(c);
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
