package io.berth.daemon.http;

import java.io.IOException;

/** The request line and header fields of one request, as read off the wire. */
record RequestHead(String method, String target, String protocol, Headers headers) {

  boolean isHttp10() {
    return protocol.equals("HTTP/1.0");
  }

  /** Whether the client wants the connection kept after this exchange. */
  boolean keepAlive() {
    if (headers.hasToken("Connection", "close")) {
      return false;
    }
    return !isHttp10() || headers.hasToken("Connection", "keep-alive");
  }

  /**
   * Reads a head; {@code null} when the connection ends cleanly before a request starts.
   * {@code maxBytes} bounds the request line plus all header lines together.
   */
  static RequestHead read(ConnectionInput in, int maxBytes) throws IOException {
    String line;
    int budget = maxBytes;
    do { // RFC 9112 2.2: ignore empty lines before the request line
      line = in.readLine(budget);
      if (line == null) {
        return null;
      }
    } while (line.isEmpty());
    budget -= line.length();

    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !isToken(parts[0])) {
      throw new ProtocolException(400, "malformed HTTP request \"" + line + "\"");
    }
    String protocol = parts[2];
    if (!protocol.equals("HTTP/1.1") && !protocol.equals("HTTP/1.0")) {
      if (protocol.startsWith("HTTP/")) {
        throw new ProtocolException(505, "unsupported protocol version \"" + protocol + "\"");
      }
      throw new ProtocolException(400, "malformed HTTP version \"" + protocol + "\"");
    }

    Headers headers = new Headers();
    while (true) {
      if (budget <= 0) {
        throw new ProtocolException(431, "Request Header Fields Too Large");
      }
      String field = in.readLine(budget);
      if (field == null) {
        throw new ProtocolException(400, "unexpected EOF in request headers");
      }
      if (field.isEmpty()) {
        break;
      }
      budget -= field.length() + 2;
      if (field.charAt(0) == ' ' || field.charAt(0) == '\t') {
        throw new ProtocolException(400, "malformed MIME header: obsolete line folding");
      }
      int colon = field.indexOf(':');
      if (colon <= 0 || !isToken(field.substring(0, colon))) {
        throw new ProtocolException(400, "malformed MIME header line: " + field);
      }
      headers.add(field.substring(0, colon), field.substring(colon + 1).strip());
    }
    return new RequestHead(parts[0], parts[1], protocol, headers);
  }

  private static boolean isToken(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
      if (!ok) {
        return false;
      }
    }
    return !text.isEmpty();
  }
}
