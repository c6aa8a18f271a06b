package io.berth.network;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.List;

/**
 * One container's embedded DNS server: a UDP and a TCP socket bound to 127.0.0.11 inside the container's
 * network namespace (opened there by {@link io.berth.sys.NetNamespace}, served here by berthd's virtual
 * threads), answering from {@link DnsAnswers} and forwarding the rest, from the host's namespace, to the
 * upstream servers.
 */
final class DnsServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(DnsServer.class.getName());
  private static final int UPSTREAM_TIMEOUT_MS = 4000; // libnetwork's extIOTimeout
  private static final int MAX_UDP = 4096;

  private final String containerId;
  private final DatagramChannel udp;
  private final ServerSocketChannel tcp;
  private final DnsAnswers.Names names;
  private final List<String> upstream;

  DnsServer(String containerId, DatagramChannel udp, ServerSocketChannel tcp, DnsAnswers.Names names,
      List<String> upstream) {
    this.containerId = containerId;
    this.udp = udp;
    this.tcp = tcp;
    this.names = names;
    this.upstream = List.copyOf(upstream);
  }

  int udpPort() throws IOException {
    return ((InetSocketAddress) udp.getLocalAddress()).getPort();
  }

  int tcpPort() throws IOException {
    return ((InetSocketAddress) tcp.getLocalAddress()).getPort();
  }

  void start() {
    Thread.ofVirtual().name("dns-udp-" + containerId).start(this::serveUdp);
    Thread.ofVirtual().name("dns-tcp-" + containerId).start(this::serveTcp);
  }

  private void serveUdp() {
    ByteBuffer buf = ByteBuffer.allocate(MAX_UDP);
    while (udp.isOpen()) {
      try {
        buf.clear();
        SocketAddress client = udp.receive(buf);
        byte[] query = Arrays.copyOf(buf.array(), buf.position());
        byte[] local = answer(query);
        if (local != null) {
          udp.send(ByteBuffer.wrap(local), client);
        } else {
          Thread.ofVirtual().start(() -> {
            byte[] reply = forwardUdp(query);
            try {
              udp.send(ByteBuffer.wrap(reply != null ? reply : DnsAnswers.failure(query)), client);
            } catch (IOException | RuntimeException e) {
              LOG.log(System.Logger.Level.DEBUG, "dns reply to " + client + ": " + e.getMessage());
            }
          });
        }
      } catch (ClosedChannelException closed) {
        return;
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.DEBUG, "dns " + containerId + ": " + e.getMessage());
      }
    }
  }

  private void serveTcp() {
    while (tcp.isOpen()) {
      try {
        SocketChannel client = tcp.accept();
        Thread.ofVirtual().start(() -> serveTcpClient(client));
      } catch (ClosedChannelException closed) {
        return;
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "dns tcp " + containerId + ": " + e.getMessage());
        return;
      }
    }
  }

  private void serveTcpClient(SocketChannel client) {
    try (client) {
      while (true) {
        ByteBuffer len = ByteBuffer.allocate(2);
        if (!readFully(client, len)) {
          return;
        }
        ByteBuffer body = ByteBuffer.allocate(len.flip().getShort() & 0xffff);
        if (!readFully(client, body)) {
          return;
        }
        byte[] query = body.array();
        byte[] reply = answer(query);
        if (reply == null) {
          reply = forwardTcp(query);
        }
        if (reply == null) {
          reply = DnsAnswers.failure(query);
        }
        if (reply == null) {
          return;
        }
        ByteBuffer out = ByteBuffer.allocate(2 + reply.length).putShort((short) reply.length).put(reply).flip();
        while (out.hasRemaining()) {
          client.write(out);
        }
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "dns tcp client " + containerId + ": " + e.getMessage());
    }
  }

  private static boolean readFully(SocketChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      if (ch.read(buf) < 0) {
        return false;
      }
    }
    return true;
  }

  /** What berth answers itself: from its names, or SERVFAIL where forwarding is not allowed; null to forward. */
  private byte[] answer(byte[] query) {
    try {
      return DnsAnswers.local(names, containerId, query);
    } catch (IOException | RuntimeException e) {
      return DnsAnswers.failure(query);
    }
  }

  private byte[] forwardUdp(byte[] query) {
    for (String server : upstream) {
      try (DatagramSocket s = new DatagramSocket()) {
        s.setSoTimeout(UPSTREAM_TIMEOUT_MS);
        s.send(new DatagramPacket(query, query.length, InetAddress.getByName(server), 53));
        DatagramPacket p = new DatagramPacket(new byte[MAX_UDP], MAX_UDP);
        s.receive(p);
        return Arrays.copyOf(p.getData(), p.getLength());
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "dns upstream " + server + ": " + e.getMessage());
      }
    }
    return null;
  }

  private byte[] forwardTcp(byte[] query) {
    for (String server : upstream) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getByName(server), 53), UPSTREAM_TIMEOUT_MS);
        s.setSoTimeout(UPSTREAM_TIMEOUT_MS);
        var out = s.getOutputStream();
        out.write(new byte[] {(byte) (query.length >> 8), (byte) query.length});
        out.write(query);
        out.flush();
        var in = new java.io.DataInputStream(s.getInputStream());
        byte[] reply = new byte[in.readUnsignedShort()];
        in.readFully(reply);
        return reply;
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "dns upstream tcp " + server + ": " + e.getMessage());
      }
    }
    return null;
  }

  @Override
  public void close() {
    for (var c : List.of(udp, tcp)) {
      try {
        c.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
