package io.berth.network;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * berthd's userland proxy: relays the connections (TCP) and datagrams (UDP) that reach a published port's
 * socket to the container, on virtual threads. It serves what kernel NAT cannot: IPv6 host addresses in front
 * of IPv4-only containers, and every port when the daemon runs without iptables. One listener per port inside
 * berthd where Docker starts a docker-proxy process; a listener ends when its socket is closed.
 */
final class PortForwarder {
  private static final System.Logger LOG = System.getLogger(PortForwarder.class.getName());
  private static final int BUFFER = 64 * 1024;

  void serve(Channel socket, InetSocketAddress target) {
    switch (socket) {
      case ServerSocketChannel server -> Thread.ofVirtual().name("forward-tcp-" + target).start(() -> accept(server,
          target));
      case DatagramChannel datagrams -> Thread.ofVirtual().name("forward-udp-" + target).start(() -> relay(datagrams,
          target));
      default -> throw new IllegalArgumentException("cannot forward " + socket);
    }
  }

  private static void accept(ServerSocketChannel server, InetSocketAddress target) {
    while (server.isOpen()) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (ClosedChannelException closed) {
        return;
      } catch (IOException e) {
        if (server.isOpen()) {
          LOG.log(System.Logger.Level.WARNING, "accepting for " + target + ": " + e.getMessage());
        }
        return;
      }
      Thread.ofVirtual().start(() -> splice(client, target));
    }
  }

  /** Copies both ways until both sides have finished sending, as docker-proxy does. */
  private static void splice(SocketChannel client, InetSocketAddress target) {
    try (client; SocketChannel upstream = SocketChannel.open(target)) {
      Thread back = Thread.ofVirtual().start(() -> copy(upstream, client));
      copy(client, upstream);
      back.join();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "forwarding to " + target + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void copy(SocketChannel from, SocketChannel to) {
    ByteBuffer buf = ByteBuffer.allocate(BUFFER);
    try {
      while (from.read(buf) >= 0) {
        buf.flip();
        while (buf.hasRemaining()) {
          to.write(buf);
        }
        buf.clear();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      try {
        to.close();
        from.close();
      } catch (IOException ignored) {
        // both ends are going
      }
    }
  }

  /**
   * UDP: one connected socket towards the container per client address, whose replies go back to that
   * client; a client silent for a minute is forgotten.
   */
  private static void relay(DatagramChannel server, InetSocketAddress target) {
    Map<SocketAddress, DatagramChannel> sessions = new ConcurrentHashMap<>();
    ByteBuffer buf = ByteBuffer.allocate(BUFFER);
    try {
      while (server.isOpen()) {
        buf.clear();
        SocketAddress client = server.receive(buf);
        buf.flip();
        DatagramChannel session = sessions.get(client);
        if (session == null) {
          session = DatagramChannel.open().connect(target);
          sessions.put(client, session);
          DatagramChannel s = session;
          Thread.ofVirtual().start(() -> replies(server, s, client, sessions));
        }
        session.write(buf);
      }
    } catch (IOException e) {
      sessions.values().forEach(PortForwarder::closeQuietly);
    }
  }

  private static void replies(DatagramChannel server, DatagramChannel session, SocketAddress client,
      Map<SocketAddress, DatagramChannel> sessions) {
    ByteBuffer buf = ByteBuffer.allocate(BUFFER);
    try (var selector = java.nio.channels.Selector.open()) {
      session.configureBlocking(false);
      session.register(selector, java.nio.channels.SelectionKey.OP_READ);
      while (server.isOpen() && selector.select(60_000) > 0) {
        selector.selectedKeys().clear();
        buf.clear();
        if (session.read(buf) > 0) {
          buf.flip();
          server.send(buf, client);
        }
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "udp replies for " + client + ": " + e.getMessage());
    } finally {
      sessions.remove(client);
      closeQuietly(session);
    }
  }

  private static void closeQuietly(Channel c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // going anyway
    }
  }
}
