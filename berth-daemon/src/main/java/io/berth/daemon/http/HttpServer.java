package io.berth.daemon.http;

import io.berth.daemon.Log;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small blocking HTTP/1.1 server: any number of listeners, one virtual thread per connection,
 * all serving one {@link Router}. Blocking I/O on virtual threads keeps hijacked and streamed
 * exchanges as simple as ordinary ones.
 */
public final class HttpServer implements AutoCloseable {
  private final Router router;
  private final ServerInfo info;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  public HttpServer(Router router, ServerInfo info) {
    this.router = router;
    this.info = info;
  }

  /** Binds the address and starts accepting on it, in plain HTTP; unix sockets get group docker if it exists. */
  public Listener listen(ListenAddress address) throws IOException {
    return listen(address, null, "docker");
  }

  /**
   * Binds the address and starts accepting on it: TCP and fd:// over {@code tls} when it is not
   * null; a unix socket in group {@code socketGroup} (dockerd's --group).
   */
  public Listener listen(ListenAddress address, ServerTls tls, String socketGroup) throws IOException {
    synchronized (this) {
      if (stopping) {
        throw new IOException("server is shutting down");
      }
    }
    Listener listener = Listener.bind(address, tls, socketGroup);
    listeners.add(listener);
    Thread.ofVirtual().name("berth-accept " + address).start(
        () -> listener.acceptLoop(channel -> serve(channel, listener.tls())));
    return listener;
  }

  public List<Listener> listeners() {
    return List.copyOf(listeners);
  }

  private void serve(SocketChannel channel, ServerTls tls) {
    HttpConnection connection = new HttpConnection(channel, tls, this);
    connections.add(connection);
    if (stopping) {
      connection.close();
      connections.remove(connection);
      return;
    }
    Thread.ofVirtual().name("berth-http").start(connection);
  }

  Router router() {
    return router;
  }

  ServerInfo info() {
    return info;
  }

  boolean stopping() {
    return stopping;
  }

  void forget(HttpConnection connection) {
    connections.remove(connection);
  }

  /** Connections currently open (idle or serving). */
  public int openConnections() {
    return connections.size();
  }

  /**
   * Stops accepting, closes idle connections, lets requests in flight finish within
   * {@code grace}, then closes whatever is left (streams and hijacked connections included).
   */
  public void shutdown(Duration grace) {
    synchronized (this) {
      if (stopping) {
        return;
      }
      stopping = true;
    }
    for (Listener listener : listeners) {
      listener.close();
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (!connections.isEmpty()) {
      for (HttpConnection connection : new ArrayList<>(connections)) {
        connection.closeIfIdle();
      }
      if (connections.isEmpty() || System.nanoTime() >= deadline) {
        break;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!connections.isEmpty()) {
      Log.info("closing " + connections.size() + " connection(s) still busy after the shutdown grace period");
      for (HttpConnection connection : new ArrayList<>(connections)) {
        connection.close();
      }
    }
  }

  @Override
  public void close() {
    shutdown(Duration.ofSeconds(5));
  }
}
