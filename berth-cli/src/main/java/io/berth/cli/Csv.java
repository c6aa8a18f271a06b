package io.berth.cli;

import java.util.ArrayList;
import java.util.List;

/** One record of Go's encoding/csv (what Docker uses for --mount, --network and --gpus values). */
final class Csv {
  private Csv() {}

  static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (true) {
      field.setLength(0);
      if (i < line.length() && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= line.length()) {
            throw new IllegalArgumentException("parse error on line 1, column " + (i + 1) + ": extraneous or missing \" in quoted-field");
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < line.length() && line.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(c);
          }
        }
        if (i < line.length() && line.charAt(i) != ',') {
          throw new IllegalArgumentException("parse error on line 1, column " + (i + 1) + ": extraneous or missing \" in quoted-field");
        }
      } else {
        while (i < line.length() && line.charAt(i) != ',') {
          char c = line.charAt(i++);
          if (c == '"') {
            throw new IllegalArgumentException("parse error on line 1, column " + i + ": bare \" in non-quoted-field");
          }
          field.append(c);
        }
      }
      fields.add(field.toString());
      if (i >= line.length()) {
        return fields;
      }
      i++; // the comma
    }
  }
}
