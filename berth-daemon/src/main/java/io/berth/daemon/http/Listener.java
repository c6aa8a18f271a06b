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
  private final ServerTls tls;
  private volatile boolean closed;

  private Listener(ListenAddress address, ServerSocketChannel server, ServerTls tls) {
    this.address = address;
    this.server = server;
    this.tls = tls;
  }

  /**
   * Binds the address; for unix sockets as dockerd does: stale file removed, mode 0660, group
   * {@code group} (dockerd's --group: a name or a number; "docker" may be missing, "" means none).
   * As in dockerd, {@code tls} (may be null) applies to TCP and socket-activated listeners only.
   */
  static Listener bind(ListenAddress address, ServerTls tls, String group) throws IOException {
    return switch (address) {
      case ListenAddress.Unix unix -> new Listener(address, bindUnix(unix.path(), group), null);
      case ListenAddress.Tcp tcp -> {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
          channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
          channel.bind(new InetSocketAddress(tcp.host(), tcp.port()), BACKLOG);
        } catch (IOException e) {
          channel.close();
          throw new IOException("listen tcp " + tcp.host() + ":" + tcp.port() + ": " + e.getMessage(), e);
        }
        yield new Listener(address, channel, tls);
      }
      case ListenAddress.Fd fd -> new Listener(address, SocketActivation.listener(), tls);
    };
  }

  /** The TLS this listener serves with, or null for plain HTTP. */
  ServerTls tls() {
    return tls;
  }

  private static ServerSocketChannel bindUnix(Path path, String group) throws IOException {
    GroupPrincipal owner = socketGroup(path, group);
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    removeStaleSocket(path);
    ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.bind(UnixDomainSocketAddress.of(path), BACKLOG);
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
      if (owner != null && io.berth.sys.Linux.geteuid() == 0) { // a daemon not run as root keeps its own group
        Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(owner);
      }
    } catch (IOException e) {
      channel.close();
      throw new IOException("listen unix " + path + ": " + e.getMessage(), e);
    }
    return channel;
  }

  /** dockerd's lookupGID: a group name, else a number; a missing "docker" group is only a warning. */
  private static GroupPrincipal socketGroup(Path path, String group) throws IOException {
    if (group == null || group.isEmpty()) {
      return null;
    }
    var lookup = path.getFileSystem().getUserPrincipalLookupService();
    try {
      return lookup.lookupPrincipalByGroupName(group); // the JDK takes a number for a gid, as dockerd does
    } catch (UserPrincipalNotFoundException e) {
      if (group.equals("docker")) {
        Log.warn("could not change group " + path + " to docker: group docker not found");
        return null;
      }
      throw new IOException("group " + group + " not found");
    }
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
