package io.berth.client;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader producing ordered maps, lists, strings, {@code Long}/{@code BigInteger}/
 * {@code Double}, booleans and null. The CLI reads every daemon answer with it: Jackson databind
 * costs tens of milliseconds of class loading at start, which the CLI cannot afford.
 */
public final class JsonParser {
  private final String text;
  private int pos;

  private JsonParser(String text) {
    this.text = text;
  }

  public static Object parse(byte[] json) throws IOException {
    return parse(new String(json, StandardCharsets.UTF_8));
  }

  public static Object parse(String json) throws IOException {
    JsonParser parser = new JsonParser(json);
    parser.skipSpace();
    Object value = parser.value();
    parser.skipSpace();
    if (parser.pos != json.length()) {
      throw parser.error("unexpected trailing data");
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(byte[] json) throws IOException {
    if (parse(json) instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IOException("expected a JSON object");
  }

  @SuppressWarnings("unchecked")
  public static List<Object> parseArray(byte[] json) throws IOException {
    Object value = parse(json);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return (List<Object>) list;
    }
    throw new IOException("expected a JSON array");
  }

  private Object value() throws IOException {
    if (pos >= text.length()) {
      throw error("unexpected end of JSON input");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("unexpected character '" + c + "'");
      }
    };
  }

  private Map<String, Object> object() throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    for (boolean more = open('}'); more; more = separator('}')) {
      skipSpace();
      if (peek() != '"') {
        throw error("expected a key");
      }
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      map.put(key, value());
    }
    return map;
  }

  private List<Object> array() throws IOException {
    List<Object> list = new ArrayList<>();
    for (boolean more = open(']'); more; more = separator(']')) {
      skipSpace();
      list.add(value());
    }
    return list;
  }

  /** Steps over an object's or array's opening bracket; false when {@code close} follows at once (empty). */
  private boolean open(char close) throws IOException {
    pos++;
    skipSpace();
    if (peek() == close) {
      pos++;
      return false;
    }
    return true;
  }

  /** After a member: true on ',' (another follows), false on {@code close}. */
  private boolean separator(char close) throws IOException {
    skipSpace();
    char c = next();
    if (c == close) {
      return false;
    }
    if (c != ',') {
      throw error("expected ',' or '" + close + "'");
    }
    return true;
  }

  private String string() throws IOException {
    pos++;
    StringBuilder sb = null;
    int start = pos;
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        String tail = text.substring(start, pos++);
        return sb == null ? tail : sb.append(tail).toString();
      }
      if (c == '\\') {
        if (sb == null) {
          sb = new StringBuilder();
        }
        sb.append(text, start, pos);
        pos++;
        char e = next();
        switch (e) {
          case '"', '\\', '/' -> sb.append(e);
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (pos + 4 > text.length()) {
              throw error("bad unicode escape");
            }
            sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> throw error("bad escape '\\" + e + "'");
        }
        start = pos;
      } else {
        pos++;
      }
    }
  }

  private Object number() throws IOException {
    int start = pos;
    boolean integral = true;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c >= '0' && c <= '9' || c == '-' || c == '+') {
        pos++;
      } else if (c == '.' || c == 'e' || c == 'E') {
        integral = false;
        pos++;
      } else {
        break;
      }
    }
    String digits = text.substring(start, pos);
    try {
      if (integral) {
        return digits.length() < 19 ? Long.valueOf(digits) : normalize(new BigInteger(digits));
      }
      return Double.valueOf(digits);
    } catch (NumberFormatException e) {
      throw error("bad number " + digits);
    }
  }

  private static Object normalize(BigInteger value) {
    return value.bitLength() < 64 ? (Object) value.longValue() : value;
  }

  private Object literal(String word, Object value) throws IOException {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected literal");
    }
    pos += word.length();
    return value;
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private char peek() throws IOException {
    if (pos >= text.length()) {
      throw error("unexpected end of JSON input");
    }
    return text.charAt(pos);
  }

  private char next() throws IOException {
    char c = peek();
    pos++;
    return c;
  }

  private void expect(char c) throws IOException {
    if (next() != c) {
      throw error("expected '" + c + "'");
    }
  }

  private IOException error(String message) {
    return new IOException("invalid JSON at offset " + pos + ": " + message);
  }
}
