package io.berth.cli;

import io.berth.client.JsonLines;
import io.berth.common.Units;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A pull or push progress stream shown as the Docker CLI's jsonmessage shows it: on a terminal one
 * line per layer redrawn in place with its bar; elsewhere only the status lines (no byte counts).
 * {@code aux} messages go to the callback; an error message ends the display with the error.
 */
final class ProgressDisplay {
  private ProgressDisplay() {}

  static void show(InputStream body, PrintStream out, boolean terminal, Consumer<Map<String, Object>> aux)
      throws IOException {
    int width = 200;
    if (terminal) {
      int[] size = TerminalControl.size(1);
      if (size[1] > 0) {
        width = size[1];
      }
    }
    Map<String, Integer> ids = new HashMap<>();
    try (JsonLines lines = new JsonLines(body)) {
      Map<String, Object> m;
      while ((m = lines.next()) != null) {
        Object error = m.get("errorDetail") instanceof Map<?, ?> d && d.get("message") != null ? d.get("message")
            : m.get("error");
        if (m.get("aux") != null) {
          if (aux != null) {
            aux.accept(m);
          }
          continue;
        }
        String id = m.get("id") instanceof String s ? s : "";
        Map<?, ?> progress = m.get("progressDetail") instanceof Map<?, ?> p ? p : null;
        int diff = 0;
        if (!id.isEmpty() && progress != null) {
          Integer line = ids.get(id);
          if (line == null) {
            line = ids.size();
            ids.put(id, line);
            if (terminal) {
              out.print("\n");
            }
          }
          diff = ids.size() - line;
          if (terminal && diff > 0) {
            out.print("\u001b[" + diff + "A");
          }
        } else {
          ids.clear();
        }
        if (error != null) {
          out.flush();
          throw new CliError(String.valueOf(error), 1);
        }
        display(m, id, progress, out, terminal, width);
        if (!id.isEmpty() && terminal && diff > 0) {
          out.print("\u001b[" + diff + "B");
        }
        out.flush();
      }
    }
  }

  private static void display(Map<String, Object> m, String id, Map<?, ?> progress, PrintStream out,
      boolean terminal, int width) {
    String stream = m.get("stream") instanceof String s ? s : "";
    String status = m.get("status") instanceof String s ? s : "";
    long current = number(progress, "current");
    long total = number(progress, "total");
    String endl = "";
    if (terminal && stream.isEmpty() && progress != null) {
      out.print("\u001b[2K\r");
      endl = "\r";
    } else if (progress != null && (current > 0 || total > 0)) {
      return; // no progress bars off a terminal
    }
    if (!id.isEmpty()) {
      out.print(id + ": ");
    }
    if (progress != null && terminal) {
      out.print(status + " " + bar(current, total, width) + endl);
    } else if (!stream.isEmpty()) {
      out.print(stream + endl);
    } else {
      out.print(status + endl + "\n");
    }
  }

  private static long number(Map<?, ?> m, String key) {
    return m != null && m.get(key) instanceof Number n ? n.longValue() : 0;
  }

  /** jsonmessage's RenderTUIProgress (no time estimate: the daemon sends no start time). */
  static String bar(long current, long total, int width) {
    if (current <= 0 && total <= 0) {
      return "";
    }
    if (total <= 0) {
      return String.format("%8s", Units.humanSize(current));
    }
    int percentage = Math.min((int) ((double) current / total * 100) / 2, 50);
    String box = width > 110 ? "[" + "=".repeat(percentage) + ">" + " ".repeat(Math.max(50 - percentage, 0)) + "] "
        : "";
    String numbers = current > total ? String.format("%8s", Units.humanSize(current))
        : String.format("%8s/%s", Units.humanSize(current), Units.humanSize(total));
    return box + numbers;
  }
}
