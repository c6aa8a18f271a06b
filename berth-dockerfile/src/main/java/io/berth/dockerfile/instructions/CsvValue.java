package io.berth.dockerfile.instructions;

import io.berth.dockerfile.DockerfileException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One CSV record as tonistiigi/go-csvvalue reads {@code --mount} and {@code --device} values:
 * comma separated, {@code "..."} quoting with {@code ""} for a quote, Go's csv errors (columns
 * counted in bytes).
 */
final class CsvValue {
  private CsvValue() {}

  /** One {@code key=value} field: the key lower-cased, whether there was a '=' (strings.Cut). */
  record Field(String text, String key, String value, boolean hasValue) {
    static Field of(String text) {
      int eq = text.indexOf('=');
      String key = (eq < 0 ? text : text.substring(0, eq)).toLowerCase(java.util.Locale.ROOT);
      return new Field(text, key, eq < 0 ? "" : text.substring(eq + 1), eq >= 0);
    }
  }

  /** The record's fields, with a message prefix for parse errors ("failed to parse csv mounts"). */
  static List<Field> keyValues(String input, String what) {
    try {
      return fields(input).stream().map(Field::of).toList();
    } catch (DockerfileException e) {
      throw new DockerfileException(what + ": " + e.getMessage());
    }
  }

  static List<String> fields(String input) {
    String line = input;
    if (line.endsWith("\r\n")) {
      line = line.substring(0, line.length() - 2);
    } else if (line.endsWith("\n")) {
      line = line.substring(0, line.length() - 1);
    }
    if (line.isEmpty()) {
      throw new DockerfileException("EOF");
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    parseField:
    while (true) {
      if (i >= line.length() || line.charAt(i) != '"') {
        int comma = line.indexOf(',', i);
        String field = comma >= 0 ? line.substring(i, comma) : line.substring(i);
        int quote = field.indexOf('"');
        if (quote >= 0) {
          throw parseError(line, i + quote, "bare \" in non-quoted-field");
        }
        out.add(field);
        if (comma >= 0) {
          i = comma + 1;
          continue;
        }
        break;
      }
      i++; // opening quote
      StringBuilder field = new StringBuilder();
      while (true) {
        int quote = line.indexOf('"', i);
        if (quote < 0) {
          throw parseError(line, i, "extraneous or missing \" in quoted-field");
        }
        field.append(line, i, quote);
        i = quote + 1;
        if (i < line.length() && line.charAt(i) == '"') {
          field.append('"');
          i++;
        } else if (i < line.length() && line.charAt(i) == ',') {
          out.add(field.toString());
          i++;
          continue parseField;
        } else if (i >= line.length()) {
          out.add(field.toString());
          break parseField;
        } else {
          throw parseError(line, i - 1, "extraneous or missing \" in quoted-field");
        }
      }
    }
    return out;
  }

  private static DockerfileException parseError(String line, int index, String what) {
    int column = line.substring(0, index).getBytes(StandardCharsets.UTF_8).length + 1;
    return new DockerfileException("parse error on line 1, column " + column + ": " + what);
  }
}
