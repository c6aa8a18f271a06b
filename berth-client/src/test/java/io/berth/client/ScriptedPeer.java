package io.berth.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** A scripted daemon on a real unix socket: serves the connections it accepts one at a time, until closed. */
final class ScriptedPeer implements AutoCloseable {
  /** Reads a request from one connection and answers it. */
  interface Script {
    void serve(InputStream in, OutputStream out) throws IOException;
  }

  private final ServerSocketChannel server;
  final HostAddress host;

  ScriptedPeer(Path dir, Script script) throws IOException {
    Path sock = dir.resolve("d.sock");
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(sock));
    host = HostAddress.parse("unix://" + sock);
    Thread.ofVirtual().start(() -> {
      while (server.isOpen()) {
        try (SocketChannel c = server.accept()) {
          script.serve(new BufferedInputStream(Channels.newInputStream(c)), Channels.newOutputStream(c));
        } catch (IOException e) {
          return;
        }
      }
    });
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
