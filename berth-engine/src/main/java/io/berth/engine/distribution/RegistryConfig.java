package io.berth.engine.distribution;

import io.berth.common.BerthException;
import io.berth.common.ImageReference;
import io.berth.registry.Cidr;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How berthd reaches registries, as dockerd's registry service config holds it: the Docker Hub
 * mirrors (validated, with a trailing slash), the insecure registries split into networks and
 * named indexes (loopback always insecure), the certificate directories ({@code /etc/docker/certs.d}
 * and berth's own), and the transfer limits. The one source for pulls, pushes and {@code info}.
 */
public record RegistryConfig(List<String> mirrors, List<Cidr> insecureCidrs, Map<String, IndexInfo> indexConfigs,
    List<Path> certDirs, int maxConcurrentDownloads, int maxConcurrentUploads, int maxDownloadAttempts) {
  public static final int DEFAULT_DOWNLOADS = 3;
  public static final int DEFAULT_UPLOADS = 5;
  public static final int DEFAULT_ATTEMPTS = 5;
  public static final Path DOCKER_CERTS_DIR = Path.of("/etc/docker/certs.d");
  public static final Path DEFAULT_BERTH_CERTS_DIR = Path.of("/etc/berth/certs.d");
  private static final List<String> DEFAULT_INSECURE = List.of("::1/128", "127.0.0.0/8");

  /** One registry as {@code info} lists it under IndexConfigs. */
  public record IndexInfo(String name, List<String> mirrors, boolean secure, boolean official) {
    public IndexInfo {
      mirrors = List.copyOf(mirrors);
    }
  }

  public RegistryConfig {
    mirrors = List.copyOf(mirrors);
    insecureCidrs = List.copyOf(insecureCidrs);
    indexConfigs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(indexConfigs));
    certDirs = List.copyOf(certDirs);
  }

  public static RegistryConfig defaults() {
    return of(List.of(), List.of(), DEFAULT_BERTH_CERTS_DIR, DEFAULT_DOWNLOADS, DEFAULT_UPLOADS, DEFAULT_ATTEMPTS);
  }

  /**
   * dockerd's newServiceConfig (loadMirrors, then loadInsecureRegistries) over the daemon's
   * settings; a value dockerd refuses is an {@link BerthException.InvalidParameter} in its words.
   * Certificates are looked up in Docker's directory, then in {@code berthCertsDir}.
   */
  public static RegistryConfig of(List<String> mirrors, List<String> insecureRegistries, Path berthCertsDir,
      int downloads, int uploads, int attempts) {
    List<String> unique = new ArrayList<>();
    for (String mirror : mirrors) {
      String m = validateMirror(mirror);
      if (!unique.contains(m)) {
        unique.add(m);
      }
    }
    List<Cidr> cidrs = new ArrayList<>();
    Map<String, IndexInfo> indexes = new LinkedHashMap<>();
    List<String> all = new ArrayList<>(insecureRegistries);
    all.addAll(DEFAULT_INSECURE);
    for (String entry : all) {
      String r = entry.equals("index.docker.io") ? ImageReference.DEFAULT_DOMAIN : entry;
      if (r.startsWith("-") || r.endsWith("-")) {
        throw invalid("invalid index name (" + r + "). Cannot begin or end with a hyphen");
      }
      String lower = r.toLowerCase(Locale.ROOT);
      if (lower.startsWith("http://")) {
        r = r.substring(7); // dockerd warns and drops the scheme
      } else if (lower.startsWith("https://")) {
        r = r.substring(8);
      } else if (r.contains("://")) {
        throw invalid("insecure registry " + r + " should not contain '://'");
      }
      var cidr = Cidr.parse(r);
      if (cidr.isPresent()) {
        if (!cidrs.contains(cidr.get())) {
          cidrs.add(cidr.get());
        }
      } else {
        validateHostPort(r);
        indexes.put(r, new IndexInfo(r, List.of(), false, false));
      }
    }
    indexes.put(ImageReference.DEFAULT_DOMAIN, new IndexInfo(ImageReference.DEFAULT_DOMAIN, unique, true, true));
    List<Path> certDirs = berthCertsDir.equals(DOCKER_CERTS_DIR) ? List.of(DOCKER_CERTS_DIR)
        : List.of(DOCKER_CERTS_DIR, berthCertsDir);
    return new RegistryConfig(unique, cidrs, indexes, certDirs, downloads, uploads, attempts);
  }

  /** Permits for a transfer limit: dockerd's transfer manager takes 0 as no limit. */
  static java.util.concurrent.Semaphore slots(int limit) {
    return new java.util.concurrent.Semaphore(limit <= 0 ? Integer.MAX_VALUE : limit, true);
  }

  /** dockerd's isSecureIndex: a configured index says; else secure unless an address of the host is in an insecure network. */
  public boolean secure(String indexName) {
    IndexInfo index = indexConfigs.get(indexName.equals("index.docker.io") ? ImageReference.DEFAULT_DOMAIN : indexName);
    if (index != null) {
      return index.secure();
    }
    String host = hostOf(indexName);
    try {
      InetAddress[] addresses = host.equals("localhost") ? new InetAddress[] {InetAddress.getLoopbackAddress()}
          : InetAddress.getAllByName(host);
      for (InetAddress address : addresses) {
        for (Cidr cidr : insecureCidrs) {
          if (cidr.contains(address)) {
            return false;
          }
        }
      }
    } catch (UnknownHostException e) {
      return true; // a name that does not resolve matches no network
    }
    return true;
  }

  /** {@code host} of {@code host:port} or {@code [v6]:port}. */
  static String hostOf(String hostPort) {
    if (hostPort.startsWith("[")) {
      return hostPort.substring(1, hostPort.indexOf(']'));
    }
    int colon = hostPort.lastIndexOf(':');
    return colon > 0 && hostPort.indexOf(':') == colon ? hostPort.substring(0, colon) : hostPort;
  }

  /** dockerd's ValidateMirror: an http(s) URI without credentials, query or fragment; normalized with a trailing slash. */
  static String validateMirror(String mirror) {
    URI uri;
    try {
      uri = new URI(mirror);
    } catch (URISyntaxException e) {
      throw invalid("invalid mirror: \"" + mirror + "\" is not a valid URI: parse \"" + mirror + "\": "
          + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalid("invalid mirror: unsupported scheme \"" + scheme + "\" in \"" + mirror + "\"");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid("invalid mirror: query or fragment at end of the URI \"" + mirror + "\"");
    }
    if (uri.getRawUserInfo() != null) {
      String user = uri.getRawUserInfo().split(":", 2)[0];
      throw invalid("invalid mirror: username/password not allowed in URI \""
          + mirror.replace(uri.getRawUserInfo() + "@", user + ":xxxxx@") + "\"");
    }
    return (mirror.endsWith("/") ? mirror.substring(0, mirror.length() - 1) : mirror) + "/";
  }

  /** dockerd's validateHostPort. */
  private static void validateHostPort(String s) {
    String host = s;
    String port = "";
    int colon = s.lastIndexOf(':');
    if (s.startsWith("[") && s.contains("]")) {
      host = s.substring(1, s.indexOf(']'));
      port = s.indexOf("]:") > 0 ? s.substring(s.indexOf("]:") + 2) : "";
    } else if (colon > 0 && s.indexOf(':') == colon) {
      host = s.substring(0, colon);
      port = s.substring(colon + 1);
    }
    if (!ImageReference.isValidDomain(s) && !host.matches("[0-9a-fA-F:.]+")) {
      throw invalid("insecure registry " + s + " is not valid: invalid host \"" + host + "\"");
    }
    if (!port.isEmpty()) {
      int value;
      try {
        value = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        throw invalid("insecure registry " + s + " is not valid: strconv.Atoi: parsing \"" + port
            + "\": invalid syntax");
      }
      if (value > 65535) {
        throw invalid("insecure registry " + s + " is not valid: invalid port \"" + port + "\"");
      }
    }
  }

  private static BerthException.InvalidParameter invalid(String message) {
    return new BerthException.InvalidParameter(message);
  }
}
