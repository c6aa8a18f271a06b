package io.berth.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback in front of a local registry: what the registry answers is passed on
 * at most {@link #bytesPerSecond} (0: at full speed), and everything clients send is recorded, so
 * a test can make a download slow enough to interrupt and then read the requests that followed
 * (a resumed download's {@code Range} header).
 */
final class ThrottlingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final StringBuffer sent = new StringBuffer();
  volatile long bytesPerSecond;

  ThrottlingProxy(int targetPort, long bytesPerSecond) throws IOException {
    this.targetPort = targetPort;
    this.bytesPerSecond = bytesPerSecond;
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::accept);
  }

  String host() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** What clients have sent so far (request lines and headers), as text. */
  String requests() {
    return sent.toString();
  }

  /** Cuts every connection open now, as a network failure would. */
  void dropConnections() {
    sockets.forEach(ThrottlingProxy::close);
    sockets.clear();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(upstream);
        Thread.ofVirtual().start(() -> pump(client, upstream, false));
        Thread.ofVirtual().start(() -> pump(upstream, client, true));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void pump(Socket from, Socket to, boolean throttled) {
    byte[] buf = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buf)) > 0; ) {
        if (!throttled) {
          sent.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        }
        long rate = bytesPerSecond;
        if (throttled && rate > 0) {
          Thread.sleep(n * 1000L / rate);
        }
        out.write(buf, 0, n);
      }
    } catch (IOException | InterruptedException e) {
      // one side went away: the other is closed below
    } finally {
      close(from);
      close(to);
    }
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    sockets.forEach(ThrottlingProxy::close);
  }
}
