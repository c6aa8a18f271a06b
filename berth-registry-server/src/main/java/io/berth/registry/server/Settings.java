package io.berth.registry.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What `berth registry serve` runs with, from its flags and its --config file.
 *
 * @param gcInterval time between automatic collections; zero turns them off
 * @param gcGrace    how long a blob linked into a repository but referenced by no manifest is kept (a push
 *                   uploads its blobs before the manifest that references them)
 * @param htpasswd   bcrypt users; alone: Basic auth; with {@code access}: the token service's users
 * @param access     the token service's permissions ({@link Access}); null: no token service
 * @param tlsCert    PEM certificate chain to serve HTTPS with (with {@code tlsKey}); null: plain HTTP
 * @param proxies    upstream registries of the pull-through cache, tried in order; empty: no cache
 */
record Settings(InetSocketAddress addr, Path root, Duration gcInterval, Duration gcGrace, Log.Level logLevel,
                Path htpasswd, Path access, Path tlsCert, Path tlsKey, java.util.List<java.net.URI> proxies) {

  Settings(InetSocketAddress addr, Path root, Duration gcInterval, Duration gcGrace, Log.Level logLevel) {
    this(addr, root, gcInterval, gcGrace, logLevel, null, null, null, null, java.util.List.of());
  }

  /** An upstream of --proxy: an http or https URL of a registry, nothing after the host. */
  static java.net.URI upstream(String text) {
    java.net.URI uri;
    try {
      uri = java.net.URI.create(text.strip());
    } catch (IllegalArgumentException e) {
      throw new SettingsException("invalid --proxy \"" + text + "\": not a URL");
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
      throw new SettingsException("invalid --proxy \"" + text + "\": want http(s)://HOST[:PORT]");
    }
    return java.net.URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
  }

  static final String DEFAULT_ADDR = "0.0.0.0:5000";
  static final String DEFAULT_ROOT = "/var/lib/berth-registry";
  static final Duration DEFAULT_GRACE = Duration.ofHours(1);

  /** HOST:PORT ({@code :PORT} for every address; brackets around an IPv6 host). */
  static InetSocketAddress address(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new SettingsException("invalid address \"" + text + "\": want HOST:PORT");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new SettingsException("invalid address \"" + text + "\": bad port");
    }
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }
}
