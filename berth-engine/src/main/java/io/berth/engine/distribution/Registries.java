package io.berth.engine.distribution;

import io.berth.common.ImageReference;
import io.berth.registry.Cidr;
import io.berth.registry.Credentials;
import io.berth.registry.Endpoint;
import io.berth.registry.EnvironmentProxies;
import io.berth.registry.RegistryHttp;
import io.berth.registry.Session;
import java.io.IOException;
import java.net.InetAddress;
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
  private static final List<String> DEFAULT_INSECURE = List.of("::1/128", "127.0.0.0/8");
  private volatile RegistryConfig config = RegistryConfig.defaults();
  private final RegistryHttp http = new RegistryHttp(new EnvironmentProxies(System.getenv()),
      "docker/20.10.24 go/go1.19 os/linux arch/amd64 (berth)");

  public void configure(RegistryConfig config) {
    this.config = config;
  }

  public RegistryConfig config() {
    return config;
  }

  /** The endpoints to try for {@code domain}, in order. */
  public List<Endpoint> endpoints(String domain) {
    List<Endpoint> out = new ArrayList<>();
    if (domain.equals(ImageReference.DEFAULT_DOMAIN)) {
      for (String mirror : config.mirrors()) {
        URI uri = URI.create(mirror.endsWith("/") ? mirror.substring(0, mirror.length() - 1) : mirror);
        String host = uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
        out.add(new Endpoint(domain, uri, true, tls(host, uri.getScheme().equals("http") || insecure(host))));
      }
      out.add(new Endpoint(domain, URI.create(HUB_ENDPOINT), false, tls("registry-1.docker.io", false)));
      return out;
    }
    boolean insecure = insecure(domain);
    out.add(new Endpoint(domain, URI.create("https://" + domain), false, tls(domain, insecure)));
    if (insecure) {
      out.add(new Endpoint(domain, URI.create("http://" + domain), false, Endpoint.Tls.SYSTEM));
    }
    return out;
  }

  /** A session on {@code endpoint} with the client's credentials. */
  public Session session(Endpoint endpoint, Credentials credentials) {
    return new Session(http, endpoint, credentials);
  }

  /** dockerd's isSecureIndex, inverted: named insecure, or every address of the host in an insecure CIDR. */
  public boolean insecure(String hostPort) {
    List<String> named = config.insecureRegistries();
    String host = hostOf(hostPort);
    for (String entry : named) {
      String e = entry.replaceFirst("^https?://", "");
      if (!e.contains("/") && (e.equals(hostPort) || e.equals(host))) {
        return true;
      }
    }
    List<Cidr> cidrs = new ArrayList<>();
    Stream.concat(DEFAULT_INSECURE.stream(), named.stream())
        .forEach(s -> Cidr.parse(s).ifPresent(cidrs::add));
    try {
      for (InetAddress address : lookup(host)) {
        for (Cidr cidr : cidrs) {
          if (cidr.contains(address)) {
            return true;
          }
        }
      }
    } catch (IOException e) {
      return false; // dockerd: a name that does not resolve is not insecure
    }
    return false;
  }

  private static InetAddress[] lookup(String host) throws IOException {
    if (host.equals("localhost")) {
      return new InetAddress[] {InetAddress.getLoopbackAddress()};
    }
    return InetAddress.getAllByName(host);
  }

  private static String hostOf(String hostPort) {
    if (hostPort.startsWith("[")) {
      return hostPort.substring(1, hostPort.indexOf(']'));
    }
    int colon = hostPort.lastIndexOf(':');
    return colon > 0 && hostPort.indexOf(':') == colon ? hostPort.substring(0, colon) : hostPort;
  }

  /** TLS for {@code hostPort}: unverified when insecure, else system CAs plus its certs.d files. */
  private Endpoint.Tls tls(String hostPort, boolean insecure) {
    List<Path> cas = new ArrayList<>();
    Path cert = null;
    Path key = null;
    for (Path root : config.certDirs()) {
      Path dir = root.resolve(hostPort);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.sorted().toList()) {
          String name = f.getFileName().toString();
          if (name.endsWith(".crt")) {
            cas.add(f);
          } else if (name.endsWith(".cert")) {
            Path k = f.resolveSibling(name.substring(0, name.length() - 5) + ".key");
            if (Files.exists(k)) {
              cert = f;
              key = k;
            }
          }
        }
      } catch (IOException e) {
        // an unreadable directory adds nothing, as dockerd skips it
      }
    }
    return new Endpoint.Tls(!insecure, cas, cert, key);
  }

  /** The repository path at the registry: Docker Hub's official images live under {@code library/}. */
  static String remoteName(ImageReference ref) {
    return ref.path();
  }
}
