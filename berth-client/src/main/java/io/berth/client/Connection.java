package io.berth.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP/1.1 connection to the daemon over a unix socket or TCP. Used for a single exchange:
 * the response (or the hijacked stream) owns it and closes it.
 */
public final class Connection implements AutoCloseable {
  private final SocketChannel channel;
  private final InputStream in;
  private final OutputStream out;
  private final HostAddress host;

  private Connection(SocketChannel channel, HostAddress host) {
    this.channel = channel;
    this.host = host;
    // Channels' socket streams allow one thread to read while another writes (hijack).
    this.in = new BufferedInputStream(Channels.newInputStream(channel), 16 * 1024);
    this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 16 * 1024);
  }

  /** Connects, or throws {@link DaemonUnreachableException} with Docker's wording. */
  public static Connection open(HostAddress host) {
    SocketChannel channel = null;
    try {
      channel = host.isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
      channel.connect(host.socketAddress());
      return new Connection(channel, host);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // the connect failure is what matters
        }
      }
      throw new DaemonUnreachableException(host, e);
    }
  }

  /** Sends a request and reads the response head; the body streams from the connection. */
  public HttpResponse exchange(String method, String target, Map<String, String> headers, RequestBody body)
      throws IOException {
    StringBuilder head = new StringBuilder(256);
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(host.hostHeader()).append("\r\n");
    head.append("User-Agent: Berth-Client/0.1.0 (linux)\r\n");
    for (Map.Entry<String, String> header : headers.entrySet()) {
      head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    if (body.contentType() != null) {
      head.append("Content-Type: ").append(body.contentType()).append("\r\n");
    }
    // instanceof rather than a pattern switch: its bootstrap costs start-up time.
    if (body instanceof RequestBody.Bytes bytes) {
      head.append("Content-Length: ").append(bytes.data().length).append("\r\n");
    } else if (body instanceof RequestBody.Stream) {
      head.append("Transfer-Encoding: chunked\r\n");
    } else if (method.equals("POST") || method.equals("PUT")) {
      head.append("Content-Length: 0\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.UTF_8));
    if (body instanceof RequestBody.Bytes bytes) {
      out.write(bytes.data());
    } else if (body instanceof RequestBody.Stream stream) {
      ChunkedOutputStream chunked = new ChunkedOutputStream(out);
      stream.in().transferTo(chunked);
      chunked.finish();
    }
    out.flush();
    return HttpResponseReader.read(in, method.equals("HEAD"), this);
  }

  /** The raw output after a hijack (bytes buffered by the reader stay in {@link #in}). */
  OutputStream output() {
    return out;
  }

  /** Half-closes the write side so the daemon sees EOF on the container's stdin. */
  void shutdownOutput() throws IOException {
    out.flush();
    channel.shutdownOutput();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
