package io.berth.client;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.Map;

/**
 * Where the daemon listens, as Docker spells it: {@code unix:///path} or {@code tcp://host:port}.
 * {@link #resolve} applies Docker's precedence: the {@code -H} flag, then {@code BERTH_HOST},
 * then {@code DOCKER_HOST}, then the default socket.
 */
public record HostAddress(String scheme, String path, String host, int port) {
  public static final String DEFAULT_HOST = "unix:///var/run/berth.sock";
  /** The Docker CLI's default host when TLS is on and no host is given. */
  public static final String DEFAULT_TLS_HOST = "tcp://localhost:2376";
  private static final int DEFAULT_TCP_PORT = 2375;

  /** The daemon address from the {@code -H} flag (may be null) and the environment. */
  public static HostAddress resolve(String flag, Map<String, String> env) {
    return resolve(flag, env, false);
  }

  /** As {@link #resolve(String, Map)}; with TLS on and no host given, Docker's tcp://localhost:2376. */
  public static HostAddress resolve(String flag, Map<String, String> env, boolean tls) {
    for (String candidate : new String[] {flag, env.get("BERTH_HOST"), env.get("DOCKER_HOST")}) {
      if (candidate != null && !candidate.isBlank()) {
        return parse(candidate.strip());
      }
    }
    return parse(tls ? DEFAULT_TLS_HOST : DEFAULT_HOST);
  }

  /** Parses {@code unix:///p}, {@code tcp://h:p}, {@code tcp://h}, or a bare {@code h:p}. */
  public static HostAddress parse(String text) {
    if (text.startsWith("unix://")) {
      String path = text.substring("unix://".length());
      if (path.isEmpty()) {
        path = "/var/run/berth.sock";
      }
      return new HostAddress("unix", path, null, 0);
    }
    String rest = text;
    if (text.startsWith("tcp://")) {
      rest = text.substring("tcp://".length());
    } else if (text.contains("://")) {
      throw new IllegalArgumentException("unsupported protocol scheme: " + text);
    }
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      rest = rest.substring(0, slash);
    }
    String host = rest;
    int port = DEFAULT_TCP_PORT;
    int colon = rest.lastIndexOf(':');
    if (colon >= 0 && rest.indexOf(']') < colon) {
      host = rest.substring(0, colon);
      try {
        port = Integer.parseInt(rest.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid bind address format: " + text);
      }
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      host = "localhost";
    }
    return new HostAddress("tcp", null, host, port);
  }

  public boolean isUnix() {
    return scheme.equals("unix");
  }

  public SocketAddress socketAddress() {
    return isUnix() ? UnixDomainSocketAddress.of(path) : new InetSocketAddress(host, port);
  }

  /** The value of the HTTP Host header: Docker uses a fixed name for sockets. */
  public String hostHeader() {
    return isUnix() ? "api.moby.localhost" : (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return isUnix() ? "unix://" + path : "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
