package io.berth.daemon.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A raw HTTP client over a unix socket: writes exactly the bytes a test gives, parses answers. */
final class TestClient implements AutoCloseable {
  final SocketChannel channel;
  final InputStream in;

  TestClient(Path socket) throws IOException {
    channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
    in = Channels.newInputStream(channel);
  }

  /** A parsed answer: status, headers, and the body de-chunked if it was chunked. */
  record Answer(int status, String reason, Headers headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  void send(String text) throws IOException {
    send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  void send(byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  Answer request(String text) throws IOException {
    send(text);
    return read(false);
  }

  String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      line.write(b);
    }
    if (b < 0 && line.size() == 0) {
      return null;
    }
    String s = line.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  /** Sends a request and reads only the head: the body, or the hijacked stream, is the test's to read. */
  Answer head(String request) throws IOException {
    send(request);
    return head();
  }

  /** Reads the head only. */
  Answer head() throws IOException {
    String status = line();
    if (status == null) {
      throw new IOException("connection closed before a response");
    }
    String[] parts = status.split(" ", 3);
    Headers headers = new Headers();
    String field;
    while (!(field = line()).isEmpty()) {
      int colon = field.indexOf(':');
      headers.add(field.substring(0, colon), field.substring(colon + 1).strip());
    }
    return new Answer(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "", headers, new byte[0]);
  }

  /** Reads a full answer; {@code headOnly} for HEAD requests. */
  Answer read(boolean headOnly) throws IOException {
    Answer head = head();
    if (headOnly || head.status() == 204 || head.status() == 304 || head.status() < 200) {
      return head;
    }
    byte[] body;
    if ("chunked".equals(head.headers().get("Transfer-Encoding"))) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      while (true) {
        int size = Integer.parseInt(line(), 16);
        if (size == 0) {
          line();
          break;
        }
        all.write(in.readNBytes(size));
        line();
      }
      body = all.toByteArray();
    } else if (head.headers().has("Content-Length")) {
      body = in.readNBytes(Integer.parseInt(head.headers().get("Content-Length")));
    } else {
      body = in.readAllBytes();
    }
    return new Answer(head.status(), head.reason(), head.headers(), body);
  }

  /** Whether the server closed the connection (reads to EOF; fails if data arrives). */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
