package io.berth.engine.distribution;

import io.berth.common.ImageReference;
import io.berth.registry.Credentials;
import io.berth.registry.Endpoint;
import io.berth.registry.EnvironmentProxies;
import io.berth.registry.RegistryHttp;
import io.berth.registry.Session;
import io.berth.registry.V1Index;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which endpoints serve a registry name and how to speak to each, as dockerd's registry service
 * decides: Docker Hub through its mirrors first, then {@code registry-1.docker.io}; an insecure
 * registry (listed by name, or resolving into an insecure CIDR, loopback by default) over https
 * without verification and then plain http; any other over verified https with the CA and client
 * certificates of its certs.d directory.
 */
public final class Registries {
  static final String HUB_ENDPOINT = "https://registry-1.docker.io";
  static final String HUB_INDEX = "https://index.docker.io";
  private volatile RegistryConfig config = RegistryConfig.defaults();
  private final RegistryHttp http = new RegistryHttp(new EnvironmentProxies(System.getenv()),
      "docker/20.10.24 go/go1.19 os/linux arch/amd64 (berth)");

  public void configure(RegistryConfig config) {
    this.config = config;
  }

  public RegistryConfig config() {
    return config;
  }

  /** The endpoints to try for {@code domain}, in order (dockerd's lookupV2Endpoints). */
  public List<Endpoint> endpoints(String domain) throws IOException {
    RegistryConfig c = config;
    List<Endpoint> out = new ArrayList<>();
    if (domain.equals(ImageReference.DEFAULT_DOMAIN)) {
      for (String mirror : c.mirrors()) {
        URI uri = URI.create(mirror);
        String host = uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
        out.add(new Endpoint(domain, uri, true, tls(c, host)));
      }
      out.add(new Endpoint(domain, URI.create(HUB_ENDPOINT), false, Endpoint.Tls.SYSTEM)); // as dockerd: no certs.d
      return out;
    }
    Endpoint.Tls tls = tls(c, domain);
    out.add(new Endpoint(domain, URI.create("https://" + domain), false, tls));
    if (!tls.verify()) {
      out.add(new Endpoint(domain, URI.create("http://" + domain), false, tls));
    }
    return out;
  }

  /**
   * The v1 index of {@code indexName} for search (dockerd's NewV1Endpoint): Docker Hub's index, or
   * the registry itself over https, with the TLS a pull from it would use.
   */
  public V1Index index(String indexName, String scheme, Credentials credentials) throws IOException {
    RegistryConfig c = config;
    if (indexName.equals(ImageReference.DEFAULT_DOMAIN)) {
      return new V1Index(http, URI.create(HUB_INDEX), Endpoint.Tls.SYSTEM, credentials);
    }
    return new V1Index(http, URI.create(scheme + "://" + indexName), tls(c, indexName), credentials);
  }

  /** A session on {@code endpoint} with the client's credentials. */
  public Session session(Endpoint endpoint, Credentials credentials) {
    return new Session(http, endpoint, credentials);
  }

  /**
   * dockerd's newTLSConfig: no verification for an insecure registry; for a secure one the
   * system's CAs plus the {@code *.crt} of its certs.d directories, and a client key pair from a
   * {@code *.cert} and its {@code *.key} (one without the other is refused in dockerd's words).
   */
  private static Endpoint.Tls tls(RegistryConfig config, String hostPort) throws IOException {
    if (!config.secure(hostPort)) {
      return new Endpoint.Tls(false, List.of(), null, null);
    }
    List<Path> cas = new ArrayList<>();
    Path cert = null;
    Path key = null;
    for (Path root : config.certDirs()) {
      Path dir = root.resolve(hostPort);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      List<String> names;
      try (Stream<Path> files = Files.list(dir)) {
        names = files.map(f -> f.getFileName().toString()).sorted().toList();
      }
      for (String name : names) {
        if (name.endsWith(".crt")) {
          cas.add(dir.resolve(name));
        } else if (name.endsWith(".cert")) {
          String keyName = name.substring(0, name.length() - 5) + ".key";
          if (!names.contains(keyName)) {
            throw new IOException("missing key " + keyName + " for client certificate " + name
                + ". Note that CA certificates should use the extension .crt");
          }
          if (cert == null) {
            cert = dir.resolve(name);
            key = dir.resolve(keyName);
          }
        } else if (name.endsWith(".key")) {
          String certName = name.substring(0, name.length() - 4) + ".cert";
          if (!names.contains(certName)) {
            throw new IOException("Missing client certificate " + certName + " for key " + name);
          }
        }
      }
    }
    return new Endpoint.Tls(true, cas, cert, key);
  }
}
