package io.berth.registry;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * One way to reach a registry: its base URI ({@code https://host:port} or {@code http://…}), how
 * TLS is checked there, and whether it is a mirror (errors from a mirror fall back to the next).
 * {@code host} is the registry's name in references ({@code docker.io}, {@code 127.0.0.1:5000}).
 */
public record Endpoint(String host, URI base, boolean mirror, Tls tls) {

  /**
   * TLS settings for an endpoint: {@code verify} false for insecure registries (any certificate);
   * extra CA files and a client certificate and key from a certs.d directory.
   */
  public record Tls(boolean verify, List<Path> caFiles, Path clientCert, Path clientKey) {
    public static final Tls SYSTEM = new Tls(true, List.of(), null, null);

    public Tls {
      caFiles = List.copyOf(caFiles);
    }
  }

  public boolean plainHttp() {
    return base.getScheme().equals("http");
  }

  /** {@code base} joined with an absolute path such as {@code /v2/}. */
  public URI resolve(String path) {
    String b = base.toString();
    return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
  }
}
