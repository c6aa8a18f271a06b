package io.berth.client;

import io.berth.common.ChunkedOutputStream;
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
 * One HTTP/1.1 connection to the daemon over a unix socket, TCP, or TLS over TCP. Used for a
 * single exchange: the response (or the hijacked stream) owns it and closes it.
 */
public final class Connection implements AutoCloseable {
  /** The socket under a connection. One thread may read while another writes (hijack). */
  interface Link extends AutoCloseable {
    InputStream in() throws IOException;

    OutputStream out() throws IOException;

    /** Ends the client's direction only: the daemon sees the end of stdin. */
    void shutdownOutput() throws IOException;

    @Override
    void close() throws IOException;
  }

  private final Link link;
  private final InputStream in;
  private final OutputStream out;
  private final HostAddress host;

  private Connection(Link link, HostAddress host) throws IOException {
    this.link = link;
    this.host = host;
    this.in = new BufferedInputStream(link.in(), 16 * 1024);
    this.out = new BufferedOutputStream(link.out(), 16 * 1024);
  }

  /** Connects without TLS, or throws {@link DaemonUnreachableException} with Docker's wording. */
  public static Connection open(HostAddress host) {
    return open(host, null);
  }

  /**
   * Connects, over TLS when {@code tls} is active and the host is TCP (Docker uses no TLS on
   * sockets), or throws {@link DaemonUnreachableException} with Docker's wording.
   */
  public static Connection open(HostAddress host, TlsConnector tls) {
    Link link = null;
    try {
      link = tls != null && tls.active() && !host.isUnix() ? tls.connect(host) : ChannelLink.connect(host);
      return new Connection(link, host);
    } catch (IOException | RuntimeException e) {
      if (link != null) {
        try {
          link.close();
        } catch (IOException ignored) {
          // the connect failure is what matters
        }
      }
      throw new DaemonUnreachableException(host, e);
    }
  }

  /** A plain socket channel: Channels' socket streams allow one thread to read while another writes. */
  private record ChannelLink(SocketChannel channel) implements Link {
    static ChannelLink connect(HostAddress host) throws IOException {
      SocketChannel channel = host.isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
      try {
        channel.connect(host.socketAddress());
        return new ChannelLink(channel);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    }

    @Override
    public InputStream in() {
      return Channels.newInputStream(channel);
    }

    @Override
    public OutputStream out() {
      return Channels.newOutputStream(channel);
    }

    @Override
    public void shutdownOutput() throws IOException {
      channel.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
      channel.close();
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
    try {
      writeBody(body);
      out.flush();
    } catch (SourceFailure e) {
      throw e.getCause(); // the body's own source failed: the caller's error, not the daemon's
    } catch (IOException e) {
      return answeredEarly(method, e);
    }
    return HttpResponseReader.read(in, method.equals("HEAD"), this);
  }

  private void writeBody(RequestBody body) throws IOException {
    if (body instanceof RequestBody.Bytes bytes) {
      out.write(bytes.data());
    } else if (body instanceof RequestBody.Stream stream) {
      ChunkedOutputStream chunked = new ChunkedOutputStream(out, false);
      byte[] buffer = new byte[1 << 16];
      for (int n = read(stream.in(), buffer); n >= 0; n = read(stream.in(), buffer)) {
        chunked.write(buffer, 0, n);
      }
      chunked.finish();
    }
  }

  private static int read(InputStream source, byte[] buffer) throws SourceFailure {
    try {
      return source.read(buffer);
    } catch (IOException e) {
      throw new SourceFailure(e);
    }
  }

  /** A failure reading a request body's source, told apart from one writing it to the daemon. */
  private static final class SourceFailure extends IOException {
    SourceFailure(IOException cause) {
      super(cause);
    }

    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }
  }

  /**
   * The daemon stopped reading the request (a 400 for its query, say) and closed: its answer may be waiting,
   * as Go's transport finds it; without one, the write's failure stands.
   */
  private HttpResponse answeredEarly(String method, IOException writeFailure) throws IOException {
    try {
      return HttpResponseReader.read(in, method.equals("HEAD"), this);
    } catch (IOException | RuntimeException e) {
      writeFailure.addSuppressed(e);
      throw writeFailure;
    }
  }

  /** The raw output after a hijack (bytes buffered by the reader stay in {@link #in}). */
  OutputStream output() {
    return out;
  }

  /** Half-closes the write side so the daemon sees EOF on the container's stdin. */
  void shutdownOutput() throws IOException {
    out.flush();
    link.shutdownOutput();
  }

  @Override
  public void close() throws IOException {
    link.close();
  }
}
