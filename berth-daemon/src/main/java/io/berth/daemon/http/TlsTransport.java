package io.berth.daemon.http;

import io.berth.daemon.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

/**
 * TLS over an accepted TCP (or socket-activated) connection, with the JDK's SSLSocket layered on
 * the channel's socket. Opened on the connection's own thread: the handshake never holds up the
 * accept loop. As Go's server does, a client that speaks plain HTTP to the TLS port is told so.
 */
final class TlsTransport implements Transport {
  /** Go's tls.Conn.Close gives its close_notify this long before giving up. */
  private static final long GOODBYE_SECONDS = 5;
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("berth-tls-close").factory());
  private static final byte[] PLAIN_HTTP_ANSWER =
      "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n".getBytes(StandardCharsets.US_ASCII);

  private final SocketChannel channel;
  private final SSLSocket socket;
  private final InputStream in;
  private final OutputStream out;
  private final ReadableByteChannel input;
  private boolean outputShut;

  private TlsTransport(SocketChannel channel, SSLSocket socket) throws IOException {
    this.channel = channel;
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.input = new ReadableByteChannel() {
      @Override
      public int read(ByteBuffer dst) throws IOException {
        int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
        if (n > 0) {
          dst.position(dst.position() + n);
        }
        return n;
      }

      @Override
      public boolean isOpen() {
        return !socket.isClosed();
      }

      @Override
      public void close() {
        // the connection closes the transport
      }
    };
  }

  /**
   * Reads the first record header and completes the handshake; null when the connection ended
   * there (plain HTTP answered, handshake refused, client gone), which is logged as Go logs it.
   */
  static TlsTransport open(SocketChannel channel, ServerTls tls) {
    String peer = peer(channel);
    try {
      byte[] head = readHeader(channel);
      if (looksLikeHttp(head)) {
        answerPlainHttp(channel);
        return null;
      }
      SSLSocket socket = tls.wrap(channel.socket(), head);
      socket.startHandshake();
      return new TlsTransport(channel, socket);
    } catch (IOException | RuntimeException e) {
      Log.info("http: TLS handshake error from " + peer + ": " + goReason(e));
      lingerThenClose(channel); // the client's request must not reset the connection before it reads the alert
      return null;
    }
  }

  /**
   * Go's answer to plain HTTP on a TLS port. The rest of the request is read away before closing:
   * a close with input unread would reset the connection, and the reset could destroy the answer
   * before the client reads it.
   */
  private static void answerPlainHttp(SocketChannel channel) throws IOException {
    new PlainTransport(channel).output().write(PLAIN_HTTP_ANSWER);
    lingerThenClose(channel);
  }

  /** Half-closes, reads away what the client still sends (half a second at most), then closes. */
  private static void lingerThenClose(SocketChannel channel) {
    ScheduledFuture<?> guard = WATCHDOG.schedule(() -> new PlainTransport(channel).close(), 500, TimeUnit.MILLISECONDS);
    try {
      channel.shutdownOutput();
      ByteBuffer scratch = ByteBuffer.allocate(8192);
      while (channel.read(scratch.clear()) >= 0) {
        // discard
      }
    } catch (IOException e) {
      // closed by the guard, or by the client
    } finally {
      guard.cancel(false);
      new PlainTransport(channel).close();
    }
  }

  /** Go's words for the usual handshake failures, as dockerd logs them. */
  private static String goReason(Exception e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("Empty client certificate chain")) {
      return "tls: client didn't provide a certificate";
    }
    if (message.contains("PKIX") || message.contains("certification path")) {
      return "tls: failed to verify certificate: x509: certificate signed by unknown authority";
    }
    if (message.contains("Remote host terminated the handshake") || message.contains("Connection reset")) {
      return "EOF";
    }
    return message;
  }

  /** The 5-byte TLS record header (fewer at end of stream). */
  private static byte[] readHeader(SocketChannel channel) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(5);
    while (header.hasRemaining() && channel.read(header) >= 0) {
      // until five bytes or the end
    }
    byte[] bytes = new byte[header.position()];
    header.flip().get(bytes);
    return bytes;
  }

  /** net/http's tlsRecordHeaderLooksLikeHTTP. */
  private static boolean looksLikeHttp(byte[] head) {
    String start = new String(head, StandardCharsets.US_ASCII);
    return switch (start) {
      case "GET /", "HEAD ", "POST ", "PUT /", "OPTIO" -> true;
      default -> false;
    };
  }

  private static String peer(SocketChannel channel) {
    try {
      return String.valueOf(channel.getRemoteAddress()).replaceFirst("^/", "");
    } catch (IOException e) {
      return "?";
    }
  }

  @Override
  public ReadableByteChannel input() {
    return input;
  }

  @Override
  public OutputStream output() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }
    };
  }

  @Override
  public synchronized void shutdownOutput() throws IOException {
    if (!outputShut) {
      outputShut = true;
      socket.shutdownOutput(); // close_notify; reading goes on (TLS 1.3)
      channel.shutdownOutput();
    }
  }

  /**
   * Sends close_notify unless it went already, then closes the socket under TLS. A client that
   * stopped reading could block the alert's write: the watchdog closes the socket after 5 s.
   */
  @Override
  public void close() {
    ScheduledFuture<?> guard = WATCHDOG.schedule(this::closeChannel, GOODBYE_SECONDS, TimeUnit.SECONDS);
    try {
      shutdownOutput();
    } catch (IOException | RuntimeException e) {
      Log.debug("TLS close_notify: " + e.getMessage());
    } finally {
      guard.cancel(false);
      closeChannel();
    }
  }

  private void closeChannel() {
    try {
      channel.close();
    } catch (IOException e) {
      Log.debug("closing connection: " + e.getMessage());
    }
  }
}
