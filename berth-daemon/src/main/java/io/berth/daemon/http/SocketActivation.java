package io.berth.daemon.http;

import io.berth.sys.Linux;
import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;

/**
 * systemd socket activation ({@code -H fd://}): the service manager passes listening sockets from
 * fd 3 on and names them in LISTEN_PID / LISTEN_FDS. The JDK can adopt an inherited listening
 * socket only from standard input ({@link System#inheritedChannel}), so the first passed socket
 * is moved there; berthd never reads its standard input.
 */
final class SocketActivation {
  private static final int FIRST_FD = 3;

  private SocketActivation() {}

  static ServerSocketChannel listener() throws IOException {
    String pid = System.getenv("LISTEN_PID");
    String fds = System.getenv("LISTEN_FDS");
    if (pid == null || fds == null || !pid.trim().equals(Long.toString(ProcessHandle.current().pid()))
        || Integer.parseInt(fds.trim()) < 1) {
      throw new IOException("no sockets found via socket activation: make sure the service was started by systemd");
    }
    Linux.dup2(FIRST_FD, 0);
    Channel channel = System.inheritedChannel();
    if (channel instanceof ServerSocketChannel server) {
      return server;
    }
    throw new IOException("socket activation: fd " + FIRST_FD + " is not a listening stream socket");
  }
}
