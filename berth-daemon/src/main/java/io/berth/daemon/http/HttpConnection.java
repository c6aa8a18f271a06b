package io.berth.daemon.http;

import io.berth.common.ChunkedOutputStream;
import io.berth.common.Json;
import io.berth.daemon.Log;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Serves one client connection on its own (virtual) thread: reads requests one after the other,
 * dispatches them and writes the answers, until either side closes, a response hands the
 * connection over (hijack), or the server shuts down.
 */
final class HttpConnection implements Runnable {
  /** Like Go's DefaultMaxHeaderBytes; X-Registry-Auth headers can be long. */
  static final int MAX_HEADER_BYTES = 1 << 20;
  /** Unread request body the server reads away to keep a connection; more and it closes instead. */
  static final long DRAIN_LIMIT = 256 * 1024;
  /** How long a connection closed for a malformed request keeps reading what the client still sends. */
  static final java.time.Duration LINGER = java.time.Duration.ofMillis(500);

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  private final SocketChannel channel;
  private final ServerTls tls;
  private final HttpServer server;
  private Transport transport;
  private ConnectionInput in;
  private OutputStream out;
  private boolean idle;
  private boolean closed;

  /** A connection on {@code channel}, served over TLS when {@code tls} is not null. */
  HttpConnection(SocketChannel channel, ServerTls tls, HttpServer server) {
    this.channel = channel;
    this.tls = tls;
    this.server = server;
  }

  /** Takes the opened transport unless the connection was closed meanwhile. */
  private synchronized boolean attach(Transport opened) {
    if (closed) {
      opened.close();
      return false;
    }
    transport = opened;
    in = new ConnectionInput(opened.input(), 16 * 1024);
    out = new BufferedOutputStream(opened.output(), 16 * 1024);
    return true;
  }

  @Override
  public void run() {
    try {
      Transport opened = tls == null ? new PlainTransport(channel) : TlsTransport.open(channel, tls);
      if (opened == null || !attach(opened)) {
        return;
      }
      while (markIdle()) {
        RequestHead head;
        try {
          head = RequestHead.read(in, MAX_HEADER_BYTES);
        } catch (ProtocolException e) {
          writeProtocolError(e);
          return;
        }
        if (head == null || !markActive()) {
          return;
        }
        if (!exchange(head)) {
          return;
        }
      }
    } catch (IOException | UncheckedIOException e) {
      Log.debug("connection closed: " + e.getMessage());
    } finally {
      close();
      server.forget(this);
    }
  }

  private synchronized boolean markIdle() {
    idle = true;
    return !closed && !server.stopping();
  }

  private synchronized boolean markActive() {
    idle = false;
    return !closed;
  }

  /** Closes the connection if it waits for a request; false when a request is being served. */
  synchronized boolean closeIfIdle() {
    if (idle) {
      close();
      return true;
    }
    return false;
  }

  void close() {
    Transport opened;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      opened = transport;
    }
    if (opened != null) {
      opened.close();
    } else {
      new PlainTransport(channel).close(); // a TLS handshake in progress fails with it
    }
  }

  /** Serves one request; returns whether the connection can carry another. */
  private boolean exchange(RequestHead head) throws IOException {
    RequestBody body;
    try {
      body = bodyOf(head);
    } catch (ProtocolException e) {
      writeProtocolError(e);
      return false;
    }
    if (!(body instanceof RequestBody.Empty) && !head.isHttp10()
        && head.headers().hasToken("Expect", "100-continue")) {
      body.beforeFirstRead(this::sendContinue);
    }
    ClientCloseWatch watch = new ClientCloseWatch(in, body);
    Request request = null;
    Response response;
    try {
      request = new Request(head.method(), head.target(), head.headers(), body,
          !(body instanceof RequestBody.Empty), watch);
      response = server.router().dispatch(request);
    } catch (Throwable e) {
      response = ErrorMapper.toResponse(request, e);
    }
    if (Log.debugEnabled()) {
      Log.debug("Calling " + head.method() + " " + head.target(), "status", response.status());
    }
    boolean keepAlive = head.keepAlive() && !server.stopping();
    return switch (response.body()) {
      case Response.Hijack hijack -> {
        hijack(head, body, response, hijack);
        yield false;
      }
      case Response.Stream stream -> {
        writeStream(head, request, body, response, stream);
        yield false;
      }
      default -> writeFixed(head, request, body, response, keepAlive, watch);
    };
  }

  private RequestBody bodyOf(RequestHead head) throws ProtocolException {
    Headers headers = head.headers();
    List<String> encodings = headers.all("Transfer-Encoding");
    if (!encodings.isEmpty()) {
      if (encodings.size() != 1 || !encodings.getFirst().strip().equalsIgnoreCase("chunked")) {
        throw new ProtocolException(501, "unsupported transfer encoding: " + String.join(",", encodings));
      }
      return new RequestBody.Chunked(in);
    }
    List<String> lengths = headers.all("Content-Length");
    if (lengths.isEmpty()) {
      return new RequestBody.Empty();
    }
    String first = lengths.getFirst().strip();
    for (String other : lengths) {
      if (!other.strip().equals(first)) {
        throw new ProtocolException(400, "http: message cannot contain multiple Content-Length headers");
      }
    }
    long length;
    try {
      length = Long.parseLong(first);
    } catch (NumberFormatException e) {
      length = -1;
    }
    if (length < 0 || !first.chars().allMatch(Character::isDigit)) {
      throw new ProtocolException(400, "bad Content-Length \"" + first + "\"");
    }
    return length == 0 ? new RequestBody.Empty() : new RequestBody.FixedLength(in, length);
  }

  private void sendContinue() {
    try {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads away what the handler left of the body; false if the connection cannot be reused. */
  private static boolean finishBody(RequestBody body) {
    if (body.ended()) {
      return true;
    }
    if (body.awaitingContinue()) {
      return false; // the client may or may not send the body now: only closing is unambiguous
    }
    try {
      return body.drain(DRAIN_LIMIT);
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  private boolean writeFixed(RequestHead head, Request request, RequestBody body, Response response,
      boolean keepAlive, ClientCloseWatch watch) throws IOException {
    byte[] data;
    String contentType;
    switch (response.body()) {
      case Response.Bytes bytes -> {
        data = bytes.data();
        contentType = bytes.contentType();
      }
      case Response.JsonValue json -> {
        try {
          data = jsonLine(json.value());
        } catch (RuntimeException e) {
          return writeFixed(head, request, body, ErrorMapper.toResponse(request, e), keepAlive, watch);
        }
        contentType = Response.JSON;
      }
      default -> {
        data = new byte[0];
        contentType = null;
      }
    }
    boolean reuse = keepAlive && finishBody(body) && !watch.armed();
    int status = response.status();
    Headers headers = headersFor(response);
    if (StatusText.allowsBody(status)) {
      if (contentType != null && !headers.has("Content-Type")) {
        headers.set("Content-Type", contentType);
      }
      if (!headers.has("Content-Length")) {
        headers.set("Content-Length", Integer.toString(data.length));
      }
    }
    connectionHeader(head, headers, reuse);
    writeHead(status, StatusText.of(status), headers);
    if (StatusText.allowsBody(status) && !head.method().equals("HEAD")) {
      out.write(data);
    }
    out.flush();
    return reuse;
  }

  private static byte[] jsonLine(Object value) {
    byte[] json = Json.bytes(value);
    byte[] line = new byte[json.length + 1];
    System.arraycopy(json, 0, line, 0, json.length);
    line[json.length] = '\n';
    return line;
  }

  /** A streamed body: chunked on HTTP/1.1, and the connection closes after it. */
  private void writeStream(RequestHead head, Request request, RequestBody body, Response response,
      Response.Stream stream) throws IOException {
    try {
      writeStreamBody(head, request, response, stream);
    } finally {
      if (stream.afterwards() != null) {
        try {
          stream.afterwards().close();
        } catch (IOException | RuntimeException e) {
          Log.warn(e, "cleaning up after " + request + " failed");
        }
      }
    }
  }

  private void writeStreamBody(RequestHead head, Request request, Response response, Response.Stream stream)
      throws IOException {
    Headers headers = headersFor(response);
    if (stream.contentType() != null && !headers.has("Content-Type")) {
      headers.set("Content-Type", stream.contentType());
    }
    boolean chunked = !head.isHttp10();
    if (chunked) {
      headers.set("Transfer-Encoding", "chunked");
    }
    headers.set("Connection", "close");
    writeHead(response.status(), StatusText.of(response.status()), headers);
    out.flush();
    if (head.method().equals("HEAD")) {
      return;
    }
    ChunkedOutputStream chunks = chunked ? new ChunkedOutputStream(out, true) : null;
    try {
      stream.writer().writeTo(chunked ? chunks : new FlushingOutput(out));
      if (chunked) {
        chunks.finish();
      } else {
        out.flush();
      }
    } catch (Exception e) {
      // Too late for a status: the client sees the body end without its last chunk.
      Log.debug(e, "streaming response to " + request + " ended early");
    }
  }

  /** Hands the connection to the handler after a 101 (or 200) head. */
  private void hijack(RequestHead head, RequestBody body, Response response, Response.Hijack hijack) throws IOException {
    if (!body.ended() && !body.drain(Long.MAX_VALUE)) {
      return;
    }
    Headers headers = headersFor(response);
    boolean upgrade = head.headers().has("Upgrade");
    if (hijack.websocket()) {
      writeHead(101, "Switching Protocols", headers);
    } else if (upgrade) {
      headers.set("Content-Type", hijack.contentType());
      headers.set("Connection", "Upgrade");
      headers.set("Upgrade", "tcp");
      writeHead(101, "UPGRADED", headers);
    } else {
      headers.set("Content-Type", Response.RAW_STREAM);
      writeHead(200, "OK", headers);
    }
    out.flush();
    try {
      hijack.handler().serve(in, new HijackOutput(out, transport));
    } catch (Exception e) {
      Log.debug(e, "hijacked connection for " + head.method() + " " + head.target() + " ended with an error");
    } finally {
      try {
        out.flush();
      } catch (IOException ignored) {
        // the client is gone; closing follows
      }
    }
  }

  private Headers headersFor(Response response) {
    Headers merged = server.info().commonHeaders();
    List<String> replaced = new ArrayList<>();
    response.headers().forEach((name, value) -> {
      String key = name.toLowerCase(Locale.ROOT);
      if (!replaced.contains(key)) {
        replaced.add(key);
        merged.remove(name);
      }
      merged.add(name, value);
    });
    merged.set("Date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
    return merged;
  }

  private static void connectionHeader(RequestHead head, Headers headers, boolean reuse) {
    if (!reuse) {
      headers.set("Connection", "close");
    } else if (head.isHttp10()) {
      headers.set("Connection", "keep-alive");
    }
  }

  private void writeHead(int status, String reason, Headers headers) throws IOException {
    StringBuilder text = new StringBuilder(256);
    text.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
    headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
    text.append("\r\n");
    out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Go answers unparseable requests in plain text and closes; so do we. The close lingers: the
   * client may still be sending, and closing with unread input would reset the connection and
   * could destroy the answer before the client reads it.
   */
  private void writeProtocolError(ProtocolException e) {
    String status = e.status() + " " + StatusText.of(e.status());
    byte[] body = (status + ": " + e.getMessage()).getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
        + body.length + "\r\nConnection: close\r\n\r\n";
    try {
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      transport.shutdownOutput();
      Thread.ofVirtual().name("berth-linger").start(() -> {
        try {
          Thread.sleep(LINGER.toMillis());
        } catch (InterruptedException ignored) {
          // close now
        }
        close();
      });
      byte[] scratch = new byte[8192];
      long budget = DRAIN_LIMIT * 4;
      int n;
      while (budget > 0 && (n = in.read(scratch, 0, scratch.length)) >= 0) {
        budget -= n;
      }
    } catch (IOException ignored) {
      // the client is gone
    }
  }
}
