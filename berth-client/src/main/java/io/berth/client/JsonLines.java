package io.berth.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Reads a stream of JSON objects, one per line (events, pull/load/import progress). */
public final class JsonLines implements AutoCloseable {
  private final BufferedReader reader;

  public JsonLines(InputStream in) {
    this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** The next object, or null at the end of the stream. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> next() throws IOException {
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      if (JsonParser.parse(line) instanceof Map<?, ?> map) {
        return (Map<String, Object>) map;
      }
      throw new IOException("expected a JSON object in stream: " + line);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
