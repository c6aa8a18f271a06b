package io.berth.daemon.http;

import java.nio.file.Path;

/** Where the daemon listens, from a {@code -H} value: {@code unix://PATH}, {@code tcp://HOST:PORT} or {@code fd://}. */
public sealed interface ListenAddress {
  String DEFAULT_UNIX_SOCKET = "/var/run/berth.sock";
  int DEFAULT_TCP_PORT = 2375;

  record Unix(Path path) implements ListenAddress {
    @Override
    public String toString() {
      return "unix://" + path;
    }
  }

  record Tcp(String host, int port) implements ListenAddress {
    @Override
    public String toString() {
      return "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** systemd socket activation ({@code fd://} or {@code fd://NAME}). */
  record Fd(String name) implements ListenAddress {
    @Override
    public String toString() {
      return "fd://" + name;
    }
  }

  /** Parses a host flag value the way dockerd's ParseHost does; an empty value means the default socket. */
  static ListenAddress parse(String spec) {
    String text = spec.strip();
    if (text.isEmpty()) {
      return new Unix(Path.of(DEFAULT_UNIX_SOCKET));
    }
    int sep = text.indexOf("://");
    if (sep <= 0) {
      throw new IllegalArgumentException("Invalid bind address format: " + spec);
    }
    String scheme = text.substring(0, sep).toLowerCase(java.util.Locale.ROOT);
    String rest = text.substring(sep + 3);
    return switch (scheme) {
      case "unix" -> new Unix(Path.of(rest.isEmpty() ? DEFAULT_UNIX_SOCKET : rest));
      case "fd" -> new Fd(rest);
      case "tcp" -> tcp(spec, rest);
      default -> throw new IllegalArgumentException("Invalid bind address format: " + spec);
    };
  }

  /** {@code HOST:PORT}, {@code HOST}, {@code :PORT} or {@code [V6]:PORT}; host 127.0.0.1 and port 2375 by default. */
  private static Tcp tcp(String spec, String rest) {
    String hostPort = rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
    if (hostPort.contains("/")) {
      throw new IllegalArgumentException("invalid bind address (" + spec + "): should not contain a path element");
    }
    String host;
    String port;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0 || !(close == hostPort.length() - 1 || hostPort.charAt(close + 1) == ':')) {
        throw new IllegalArgumentException("invalid bind address (" + spec + ")");
      }
      host = hostPort.substring(1, close);
      port = close == hostPort.length() - 1 ? "" : hostPort.substring(close + 2);
    } else {
      int colon = hostPort.indexOf(':');
      if (colon != hostPort.lastIndexOf(':')) {
        throw new IllegalArgumentException("invalid bind address (" + spec + "): too many colons");
      }
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      port = colon < 0 ? "" : hostPort.substring(colon + 1);
    }
    int number;
    try {
      number = port.isEmpty() ? DEFAULT_TCP_PORT : Integer.parseInt(port);
    } catch (NumberFormatException e) {
      number = -1;
    }
    if (number < 0 || number > 65535) {
      throw new IllegalArgumentException("invalid bind address (" + spec + "): invalid port \"" + port + "\"");
    }
    return new Tcp(host.isEmpty() ? "127.0.0.1" : host, number);
  }
}
