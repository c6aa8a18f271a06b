package io.berth.registry.server;

import io.berth.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * One request and its answer, over Jetty's {@link Request} and {@link Response}: the query, headers and body
 * in, and the registry's ways of answering out. Every answer carries {@code Docker-Distribution-API-Version}.
 * Handlers block (each request has its own virtual thread); {@link #finish} completes the exchange once.
 */
final class Call {
  static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";
  static final int COPY_BUFFER = 1 << 20;

  private final Request request;
  private final Response response;
  private final Callback callback;
  final String method;
  final String path;
  private final Map<String, List<String>> query;
  private final boolean tls;
  /** Who the request was authorized as (null: anonymous), for the audit log. */
  String user;
  private InputStream body;
  private boolean finished;

  Call(Request request, Response response, Callback callback, boolean tls) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.tls = tls;
    this.method = request.getMethod();
    this.path = request.getHttpURI().getPath();
    this.query = parseQuery(request.getHttpURI().getQuery());
    response.getHeaders().put(API_VERSION_HEADER, "registry/2.0");
  }

  /** A query parameter, or null. */
  String query(String name) {
    List<String> values = query.get(name);
    return values == null ? null : values.getFirst();
  }

  /** Every value of a repeated query parameter ({@code scope=...&scope=...}). */
  List<String> queryAll(String name) {
    return query.getOrDefault(name, List.of());
  }

  /** The scheme clients reach this server with. */
  String scheme() {
    return tls ? "https" : "http";
  }

  String header(String name) {
    return request.getHeaders().get(name);
  }

  /** Whether the client connected from this host. */
  boolean fromLoopback() {
    return request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress a
        && a.getAddress() != null && a.getAddress().isLoopbackAddress();
  }

  InputStream body() {
    if (body == null) {
      body = Content.Source.asInputStream(request);
    }
    return body;
  }

  /** The request's Content-Length, or -1 when it has none (chunked). */
  long contentLength() {
    String value = header("Content-Length");
    try {
      return value == null ? -1 : Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Reads the body, refusing one longer than {@code limit} with {@code tooLarge}. */
  byte[] bodyUpTo(int limit, RegistryError tooLarge) throws IOException {
    if (contentLength() > limit) {
      throw tooLarge;
    }
    byte[] data = body().readNBytes(limit + 1);
    if (data.length > limit) {
      throw tooLarge;
    }
    return data;
  }

  /**
   * Reads and drops what is left of the request body (up to 16 MiB), so that an error answered before the
   * body was read reaches the client instead of a reset connection; past that the connection is dropped.
   */
  void drainBody() {
    try {
      long left = 16L << 20;
      byte[] buffer = new byte[64 * 1024];
      for (int n; left > 0 && (n = body().read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
        left -= n;
      }
    } catch (IOException e) {
      // the client went away; the answer will fail the same way
    }
  }

  Call header(String name, String value) {
    response.getHeaders().put(name, value);
    return this;
  }

  /** A header of the answer, or null. */
  String responseHeader(String name) {
    return response.getHeaders().get(name);
  }

  /** Whether the answer has started to go out: past that point an error can only cut the connection. */
  boolean answered() {
    return finished || response.isCommitted();
  }

  /** A bodiless answer ({@code Content-Length: 0}). */
  void empty(int status) throws IOException {
    start(status, 0);
    finish();
  }

  void bytes(int status, String contentType, byte[] data) throws IOException {
    header("Content-Type", contentType);
    start(status, data.length);
    if (!method.equals("HEAD") && data.length > 0) {
      write(ByteBuffer.wrap(data));
    }
    finish();
  }

  void json(int status, Object value) throws IOException {
    bytes(status, "application/json", Json.bytes(value));
  }

  /** Starts an answer of {@code length} bytes, which the caller then sends (none for HEAD). */
  void start(int status, long length) {
    response.setStatus(status);
    header("Content-Length", Long.toString(length));
  }

  /**
   * Sends bytes {@code start..end} (inclusive) of a file as the body, read into a pooled direct buffer so
   * that the bytes go from the page cache to the socket without passing through the Java heap.
   */
  void sendFile(FileChannel file, long start, long end) throws IOException {
    ByteBufferPool pool = request.getComponents().getByteBufferPool();
    RetainableByteBuffer pooled = pool.acquire((int) Math.min(COPY_BUFFER, end - start + 1), true);
    try {
      ByteBuffer buffer = pooled.getByteBuffer();
      for (long at = start; at <= end; ) {
        buffer.clear().limit((int) Math.min(buffer.capacity(), end - at + 1));
        int n = file.read(buffer, at);
        if (n <= 0) {
          throw new IOException("the file ended before its size");
        }
        buffer.flip();
        write(buffer);
        at += n;
      }
    } finally {
      pooled.release();
    }
  }

  private void write(ByteBuffer data) throws IOException {
    try (Blocker.Callback written = Blocker.callback()) {
      response.write(false, data, written);
      written.block();
    }
  }

  void error(RegistryError e) throws IOException {
    bytes(e.status(), "application/json; charset=utf-8", Json.bytes(e.body()));
  }

  /** Completes the answer (once): what was written is flushed and the exchange ends. */
  void finish() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    try {
      try (Blocker.Callback done = Blocker.callback()) {
        response.write(true, null, done);
        done.block();
      }
      callback.succeeded();
    } catch (IOException | RuntimeException e) {
      callback.failed(e);
      throw e;
    }
  }

  /** Ends the exchange by cutting the connection: an answer already under way cannot be completed. */
  void abort(Throwable cause) {
    if (!finished) {
      finished = true;
      callback.failed(cause);
    }
  }

  private static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
