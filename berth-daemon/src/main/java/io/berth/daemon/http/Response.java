package io.berth.daemon.http;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;

/**
 * What a handler answers: a status, extra headers and one kind of {@link Body}. The server adds
 * the headers every response carries (Api-Version, Server, Date, ...), the framing headers and
 * Connection handling.
 */
public final class Response {
  public static final String JSON = "application/json";
  public static final String TEXT = "text/plain; charset=utf-8";
  public static final String RAW_STREAM = "application/vnd.docker.raw-stream";
  public static final String MULTIPLEXED_STREAM = "application/vnd.docker.multiplexed-stream";

  /** The kinds of body a response can have. */
  public sealed interface Body {}

  /** No body at all (204, 304, or a bodiless 200/201). */
  public record Empty() implements Body {}

  /** A body known in full, sent with Content-Length. */
  public record Bytes(String contentType, byte[] data) implements Body {}

  /** A value serialized with {@link io.berth.common.Json} (plus a newline, as Go's encoder does). */
  public record JsonValue(Object value) implements Body {}

  /**
   * A body of unknown length, sent with chunked encoding, flushed per write. {@code afterwards} (null for none)
   * runs once the body has ended, however it ended: work the client need not wait for follows its last chunk.
   */
  public record Stream(String contentType, StreamBody writer, Closeable afterwards) implements Body {}

  /** A hijacked connection; {@code websocket} answers with the WebSocket handshake (101 Switching Protocols). */
  public record Hijack(String contentType, HijackHandler handler, boolean websocket) implements Body {}

  private final int status;
  private final Headers headers = new Headers();
  private final Body body;

  private Response(int status, Body body) {
    this.status = status;
    this.body = body;
  }

  public static Response json(Object value) {
    return new Response(200, new JsonValue(value));
  }

  public static Response json(int status, Object value) {
    return new Response(status, new JsonValue(value));
  }

  /** 204 No Content. */
  public static Response noContent() {
    return new Response(204, new Empty());
  }

  /** A status with no body, e.g. {@code empty(200)} or {@code empty(304)}. */
  public static Response empty(int status) {
    return new Response(status, new Empty());
  }

  public static Response bytes(int status, String contentType, byte[] data) {
    return new Response(status, new Bytes(contentType, data));
  }

  public static Response text(int status, String text) {
    return bytes(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  public static Response stream(String contentType, StreamBody writer) {
    return new Response(200, new Stream(contentType, writer, null));
  }

  public static Response stream(int status, String contentType, StreamBody writer) {
    return new Response(status, new Stream(contentType, writer, null));
  }

  /** A stream whose {@code afterwards} runs once the body has ended (see {@link Stream}). */
  public static Response stream(String contentType, StreamBody writer, Closeable afterwards) {
    return new Response(200, new Stream(contentType, writer, afterwards));
  }

  /**
   * Hijacks the connection. The server answers {@code 101 UPGRADED} (with {@code Connection:
   * Upgrade}, {@code Upgrade: tcp}) when the client asked to upgrade, else {@code 200 OK}, then
   * runs the handler on the raw streams. {@code contentType} is used for the 101 answer (pass
   * {@link #MULTIPLEXED_STREAM} for non-TTY attach at API 1.42+); a 200 answer always says
   * {@link #RAW_STREAM}, as dockerd does.
   */
  public static Response hijack(String contentType, HijackHandler handler) {
    return new Response(200, new Hijack(contentType, handler, false));
  }

  /**
   * Takes the connection over as a WebSocket: {@code 101 Switching Protocols} with the handshake's accept key
   * (RFC 6455), then the handler on the raw streams (see {@link WebSocketStreams} for the framing).
   */
  public static Response websocket(String secWebSocketKey, HijackHandler handler) {
    return new Response(101, new Hijack("", handler, true)).header("Upgrade", "websocket")
        .header("Connection", "Upgrade").header("Sec-WebSocket-Accept", WebSocketStreams.accept(secWebSocketKey));
  }

  public static Response hijack(HijackHandler handler) {
    return hijack(RAW_STREAM, handler);
  }

  /** Adds a header (several calls with one name give several fields). */
  public Response header(String name, String value) {
    headers.add(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public Headers headers() {
    return headers;
  }

  public Body body() {
    return body;
  }

  @Override
  public String toString() {
    return status + " " + body.getClass().getSimpleName();
  }
}
