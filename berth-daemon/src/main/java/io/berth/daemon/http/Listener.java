package io.berth.daemon.http;

import io.berth.daemon.Log;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.function.Consumer;

/** One bound socket and the thread that accepts on it. */
public final class Listener implements AutoCloseable {
  private static final int BACKLOG = 512;

  private final ListenAddress address;
  private final ServerSocketChannel server;
  private volatile boolean closed;

  private Listener(ListenAddress address, ServerSocketChannel server) {
    this.address = address;
    this.server = server;
  }

  /** Binds the address; for unix sockets as dockerd does: stale file removed, mode 0660, group docker. */
  static Listener bind(ListenAddress address) throws IOException {
    return switch (address) {
      case ListenAddress.Unix unix -> new Listener(address, bindUnix(unix.path()));
      case ListenAddress.Tcp tcp -> {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
          channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
          channel.bind(new InetSocketAddress(tcp.host(), tcp.port()), BACKLOG);
        } catch (IOException e) {
          channel.close();
          throw new IOException("listen tcp " + tcp.host() + ":" + tcp.port() + ": " + e.getMessage(), e);
        }
        Log.warn("Binding to IP address without --tlsverify is insecure and gives root access on this machine to everyone who has access to your network.",
            "host", address.toString());
        yield new Listener(address, channel);
      }
      case ListenAddress.Fd fd -> new Listener(address, SocketActivation.listener());
    };
  }

  private static ServerSocketChannel bindUnix(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    removeStaleSocket(path);
    ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.bind(UnixDomainSocketAddress.of(path), BACKLOG);
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
      try {
        GroupPrincipal docker = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("docker");
        Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(docker);
      } catch (UserPrincipalNotFoundException e) {
        Log.debug("group docker not found: socket " + path + " stays in the caller's group");
      }
    } catch (IOException e) {
      channel.close();
      throw new IOException("listen unix " + path + ": " + e.getMessage(), e);
    }
    return channel;
  }

  /** A socket file left by a dead daemon is removed; one a live server answers on is an error. */
  private static void removeStaleSocket(Path path) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return;
    }
    if (!attributes.isOther()) {
      throw new IOException("listen unix " + path + ": bind: address already in use (not a socket)");
    }
    boolean live;
    try {
      SocketChannel.open(UnixDomainSocketAddress.of(path)).close();
      live = true;
    } catch (java.net.ConnectException e) {
      live = false;
    }
    if (live) {
      throw new IOException("listen unix " + path + ": bind: address already in use");
    }
    Files.deleteIfExists(path); // nobody listens: stale
  }

  public ListenAddress address() {
    return address;
  }

  /** The bound TCP port (for tcp://HOST:0). */
  public int port() throws IOException {
    return server.getLocalAddress() instanceof InetSocketAddress inet ? inet.getPort() : -1;
  }

  /** Accepts until closed, giving each connection to {@code serve}. */
  void acceptLoop(Consumer<SocketChannel> serve) {
    while (!closed) {
      try {
        SocketChannel client = server.accept();
        if (client.getRemoteAddress() instanceof InetSocketAddress) {
          client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        serve.accept(client);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (closed) {
          return;
        }
        Log.error(e, "accept failed on " + address);
        try {
          Thread.sleep(50); // e.g. out of file descriptors: do not spin
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  /** Stops accepting and removes the socket file. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      Log.debug("closing listener " + address + ": " + e.getMessage());
    }
    if (address instanceof ListenAddress.Unix unix) {
      try {
        Files.deleteIfExists(unix.path());
      } catch (IOException e) {
        Log.warn(e, "could not remove socket " + unix.path());
      }
    }
  }

  @Override
  public String toString() {
    return address.toString();
  }
}
