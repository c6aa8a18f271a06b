package io.berth.cli;

import io.berth.client.JsonLines;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * Prints a daemon progress stream (load, import) as Docker's jsonmessage does on a non-terminal:
 * {@code stream} text as is, {@code status} lines with their id; an error message ends it.
 */
final class JsonMessages {
  private JsonMessages() {}

  static void display(InputStream body, PrintStream out) throws IOException {
    try (JsonLines lines = new JsonLines(body)) {
      Map<String, Object> message;
      while ((message = lines.next()) != null) {
        Object error = message.get("errorDetail") instanceof Map<?, ?> detail && detail.get("message") != null
            ? detail.get("message") : message.get("error");
        if (error != null) {
          out.flush();
          throw new CliError(String.valueOf(error), 1);
        }
        if (message.get("stream") instanceof String stream) {
          out.print(stream);
        } else if (message.get("status") instanceof String status) {
          if (message.get("id") instanceof String id && !id.isEmpty()) {
            out.print(id + ": ");
          }
          out.print(status);
          if (message.get("progress") instanceof String progress && !progress.isEmpty()) {
            out.print(" " + progress);
          }
          out.println();
        }
        out.flush();
      }
    }
  }
}
