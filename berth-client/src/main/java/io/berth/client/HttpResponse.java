package io.berth.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A response head and its body as a stream. The body is already de-chunked and bounded by
 * Content-Length; for a 101 (hijacked) response it is the raw connection. Closing the response
 * closes the connection it came from.
 */
public record HttpResponse(int status, String reason, Map<String, List<String>> headers, InputStream body,
    AutoCloseable connection) implements AutoCloseable {

  /** The first value of a header, looked up case-insensitively (the map is case-insensitive). */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  public byte[] readBody() throws IOException {
    try (InputStream in = body) {
      return in.readAllBytes();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      body.close();
    } finally {
      if (connection != null) {
        try {
          connection.close();
        } catch (IOException e) {
          throw e;
        } catch (Exception e) {
          throw new IOException(e);
        }
      }
    }
  }
}
