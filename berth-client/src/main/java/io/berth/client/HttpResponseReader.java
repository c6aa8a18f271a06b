package io.berth.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Parses an HTTP/1.1 response head from a stream and frames its body. */
public final class HttpResponseReader {
  private static final int MAX_LINE = 64 * 1024;

  private HttpResponseReader() {}

  /**
   * Reads the status line and headers, and wraps the rest of {@code in} as the body: empty for
   * HEAD, 1xx, 204 and 304, raw for 101 Switching Protocols, else chunked, sized or up to EOF.
   */
  public static HttpResponse read(InputStream in, boolean headRequest, AutoCloseable connection)
      throws IOException {
    String statusLine = readLine(in);
    if (statusLine == null) {
      throw new IOException("EOF"); // Go's net/http: the server closed the connection before answering
    }
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("malformed HTTP status line: " + statusLine);
    }
    int status;
    try {
      status = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("malformed HTTP status code: " + statusLine);
    }
    String reason = parts.length > 2 ? parts[2] : "";
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    while (true) {
      String line = readLine(in);
      if (line == null) {
        throw new IOException("unexpected EOF reading HTTP headers");
      }
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IOException("malformed HTTP header: " + line);
      }
      String name = line.substring(0, colon).strip();
      List<String> values = headers.get(name);
      if (values == null) {
        values = new ArrayList<>(1);
        headers.put(name, values);
      }
      values.add(line.substring(colon + 1).strip());
    }
    return new HttpResponse(status, reason, headers, body(in, status, headRequest, headers), connection);
  }

  private static InputStream body(InputStream in, int status, boolean headRequest,
      Map<String, List<String>> headers) throws IOException {
    if (status == 101) {
      return in;
    }
    if (headRequest || (status >= 100 && status < 200) || status == 204 || status == 304) {
      return InputStream.nullInputStream();
    }
    List<String> encoding = headers.get("Transfer-Encoding");
    if (encoding != null) {
      for (String value : encoding) {
        if (value.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
          return new ChunkedInputStream(in);
        }
      }
    }
    List<String> length = headers.get("Content-Length");
    if (length != null) {
      try {
        return new BoundedInputStream(in, Long.parseLong(length.getFirst()));
      } catch (NumberFormatException e) {
        throw new IOException("malformed Content-Length: " + length.getFirst());
      }
    }
    return in;
  }

  /** Reads one CRLF- (or LF-) terminated line as ISO-8859-1; null at EOF before any byte. */
  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= MAX_LINE) {
        throw new IOException("HTTP line too long");
      }
      line.write(b);
    }
    if (line.size() == 0) {
      return null;
    }
    throw new IOException("unexpected EOF in HTTP line");
  }
}
