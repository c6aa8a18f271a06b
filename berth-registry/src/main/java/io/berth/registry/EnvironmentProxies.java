package io.berth.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Proxies from {@code HTTP_PROXY}, {@code HTTPS_PROXY} and {@code NO_PROXY} (either case), as Go's
 * http.ProxyFromEnvironment: no proxy for loopback or for hosts matching NO_PROXY (exact name,
 * domain suffix, {@code *}, host:port, or an IP inside a listed CIDR).
 */
public final class EnvironmentProxies extends ProxySelector {
  private final URI http;
  private final URI https;
  private final List<String> noProxy;

  public EnvironmentProxies(Map<String, String> env) {
    this.http = uri(value(env, "HTTP_PROXY"));
    this.https = uri(value(env, "HTTPS_PROXY"));
    List<String> list = new ArrayList<>();
    for (String s : value(env, "NO_PROXY").split(",")) {
      if (!s.isBlank()) {
        list.add(s.trim().toLowerCase(Locale.ROOT));
      }
    }
    this.noProxy = list;
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null || v.isEmpty()) {
      v = env.get(name.toLowerCase(Locale.ROOT));
    }
    return v == null ? "" : v;
  }

  private static URI uri(String s) {
    if (s.isEmpty()) {
      return null;
    }
    return URI.create(s.contains("://") ? s : "http://" + s);
  }

  @Override
  public List<Proxy> select(URI uri) {
    URI proxy = "https".equals(uri.getScheme()) ? https : http;
    if (proxy == null || bypass(uri)) {
      return List.of(Proxy.NO_PROXY);
    }
    int port = proxy.getPort() > 0 ? proxy.getPort() : "https".equals(proxy.getScheme()) ? 443 : 80;
    return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port)));
  }

  boolean bypass(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1")) {
      return true;
    }
    int port = uri.getPort();
    for (String entry : noProxy) {
      if (entry.equals("*")) {
        return true;
      }
      if (entry.contains("/") && Cidr.parse(entry).map(c -> c.containsHost(host)).orElse(false)) {
        return true;
      }
      String name = entry;
      int colon = entry.lastIndexOf(':');
      if (colon > 0 && !entry.contains("]") && entry.indexOf(':') == colon) {
        if (port != Integer.parseInt(entry.substring(colon + 1))) {
          continue;
        }
        name = entry.substring(0, colon);
      }
      String bare = name.startsWith(".") ? name.substring(1) : name.startsWith("*.") ? name.substring(2) : name;
      if (host.equals(bare) || host.endsWith("." + bare)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    // nothing to learn: the request fails with the error
  }
}
