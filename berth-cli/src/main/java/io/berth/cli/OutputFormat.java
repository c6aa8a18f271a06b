package io.berth.cli;

import io.berth.client.JsonWriter;
import io.berth.template.TabWriter;
import io.berth.template.Template;
import io.berth.template.TemplateException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Docker's list formatter (cli/command/formatter): {@code table ...} prints a header row built
 * from the same template over the column titles and aligns through a tabwriter(10, 1, 3, ' ');
 * {@code json} prints each row as a JSON object with sorted keys; anything else is a Go template
 * applied to every row. Rows are maps keyed by Docker's field names with string values.
 */
public final class OutputFormat {
  public static final String TABLE = "table";
  public static final String JSON = "json";

  private final String format;

  public OutputFormat(String format) {
    this.format = format;
  }

  public boolean isTable() {
    return format.startsWith(TABLE);
  }

  public boolean isJson() {
    return format.equals(JSON);
  }

  public String text() {
    return format;
  }

  /** Renders all rows; the header map gives each field's column title. */
  public String render(List<? extends Map<String, ?>> rows, Map<String, String> header) {
    if (isJson()) {
      StringBuilder sb = new StringBuilder();
      for (Map<String, ?> row : rows) {
        JsonWriter.write(new TreeMap<>(row), sb);
        sb.append('\n');
      }
      return sb.toString();
    }
    Template template = parse(templateText());
    StringBuilder body = new StringBuilder();
    for (Map<String, ?> row : rows) {
      body.append(execute(template, row)).append('\n');
    }
    if (!isTable()) {
      return body.toString();
    }
    TabWriter tw = new TabWriter(10, 1, 3, ' ', 0);
    tw.write(execute(template, header));
    tw.write("\n");
    tw.write(body.toString());
    return tw.flush();
  }

  /** The template text after Docker's preFormat: "table" cut, spaces trimmed, \t and \n unescaped. */
  String templateText() {
    String text = format;
    if (isTable()) {
      text = text.substring(TABLE.length());
    } else if (isJson()) {
      text = "{{json .}}";
    }
    return unescape(trimSpaces(text));
  }

  static String unescape(String text) {
    return text.replace("\\t", "\t").replace("\\n", "\n");
  }

  private static String trimSpaces(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == ' ') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(start, end);
  }

  /** Parses a user template, reporting errors with Docker's prefix. */
  public static Template parse(String text) {
    try {
      return Template.parse(text);
    } catch (TemplateException e) {
      throw new CliError("template parsing error: " + e.getMessage(), 1);
    }
  }

  public static String execute(Template template, Object data) {
    try {
      return template.execute(data);
    } catch (TemplateException e) {
      throw new CliError("template parsing error: " + e.getMessage(), 1);
    }
  }
}
