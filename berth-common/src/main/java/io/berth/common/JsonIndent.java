package io.berth.common;

/**
 * Go's json.Indent: re-indents JSON text token by token, keeping every value exactly as the
 * writer wrote it (key order, number text, escapes). On compact JSON with no prefix it is the layout
 * of json.MarshalIndent, the bytes distribution writes manifests as.
 */
public final class JsonIndent {
  private JsonIndent() {}

  public static String indent(String json, String prefix, String indent) {
    StringBuilder out = new StringBuilder(json.length() * 2);
    int depth = 0;
    boolean needIndent = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (isSpace(c)) {
        continue;
      }
      if (needIndent && c != ']' && c != '}') {
        needIndent = false;
        depth++;
        newline(out, prefix, indent, depth);
      }
      switch (c) {
        case '"' -> i = copyString(json, i, out);
        case '{', '[' -> {
          needIndent = true;
          out.append(c);
        }
        case ',' -> {
          out.append(c);
          newline(out, prefix, indent, depth);
        }
        case ':' -> out.append(": ");
        case '}', ']' -> {
          if (needIndent) {
            needIndent = false; // empty object or array stays compact
          } else {
            depth--;
            newline(out, prefix, indent, depth);
          }
          out.append(c);
        }
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static void newline(StringBuilder out, String prefix, String indent, int depth) {
    out.append('\n').append(prefix);
    out.append(indent.repeat(depth));
  }

  /** Go's json.Compact: the same JSON without insignificant whitespace. */
  public static String compact(String json) {
    StringBuilder out = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '"') {
        i = copyString(json, i, out);
      } else if (!isSpace(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /** Copies the string token that opens at {@code start} as it is; returns the index of its closing quote. */
  private static int copyString(String json, int start, StringBuilder out) {
    out.append('"');
    int i = start + 1;
    for (; i < json.length(); i++) {
      char c = json.charAt(i);
      out.append(c);
      if (c == '\\') {
        out.append(json.charAt(++i));
      } else if (c == '"') {
        break;
      }
    }
    return i;
  }
}
