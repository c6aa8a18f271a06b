package io.berth.registry.server;

import com.sun.net.httpserver.HttpExchange;
import io.berth.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request and its answer, over the JDK's {@link HttpExchange}: the query, headers and body in, and
 * the registry's ways of answering out. Every answer carries {@code Docker-Distribution-API-Version}.
 */
final class Call {
  static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";

  final HttpExchange exchange;
  final String method;
  final String path;
  private final Map<String, List<String>> query;
  private final boolean tls;
  /** Who the request was authorized as (null: anonymous), for the audit log. */
  String user;
  private boolean answered;

  Call(HttpExchange exchange, boolean tls) {
    this.tls = tls;
    this.exchange = exchange;
    this.method = exchange.getRequestMethod();
    this.path = exchange.getRequestURI().getRawPath();
    this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    exchange.getResponseHeaders().set(API_VERSION_HEADER, "registry/2.0");
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
    return exchange.getRequestHeaders().getFirst(name);
  }

  InputStream body() {
    return exchange.getRequestBody();
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
    exchange.getResponseHeaders().set(name, value);
    return this;
  }

  boolean answered() {
    return answered;
  }

  /** A bodiless answer ({@code Content-Length: 0}). */
  void empty(int status) throws IOException {
    header("Content-Length", "0");
    send(status, -1);
    exchange.close();
  }

  void bytes(int status, String contentType, byte[] data) throws IOException {
    header("Content-Type", contentType);
    if (method.equals("HEAD")) {
      header("Content-Length", Long.toString(data.length));
      send(status, -1);
    } else {
      send(status, data.length == 0 ? -1 : data.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(data);
      }
    }
    exchange.close();
  }

  void json(int status, Object value) throws IOException {
    bytes(status, "application/json", Json.bytes(value));
  }

  /** Starts an answer whose {@code length} bytes the caller writes to {@link #output} (none for HEAD). */
  void start(int status, long length) throws IOException {
    if (method.equals("HEAD") || length == 0) {
      header("Content-Length", Long.toString(length));
      send(status, -1);
    } else {
      send(status, length);
    }
  }

  OutputStream output() {
    return exchange.getResponseBody();
  }

  void error(RegistryError e) throws IOException {
    byte[] body = Json.bytes(e.body());
    if (method.equals("HEAD")) {
      header("Content-Length", Long.toString(body.length));
      header("Content-Type", "application/json; charset=utf-8");
      send(e.status(), -1);
      exchange.close();
      return;
    }
    bytes(e.status(), "application/json; charset=utf-8", body);
  }

  private void send(int status, long length) throws IOException {
    answered = true;
    exchange.sendResponseHeaders(status, length);
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
