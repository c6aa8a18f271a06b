package io.berth.engine.distribution;

import java.nio.file.Path;
import java.util.List;

/**
 * How berthd reaches registries, from daemon.json and flags as dockerd reads them: mirrors for
 * Docker Hub, insecure registries (CIDRs and host[:port]), certificate directories
 * ({@code /etc/docker/certs.d} and berth's own), and the transfer limits.
 */
public record RegistryConfig(List<String> mirrors, List<String> insecureRegistries, List<Path> certDirs,
    int maxConcurrentDownloads, int maxConcurrentUploads, int maxDownloadAttempts) {
  public static final int DEFAULT_DOWNLOADS = 3;
  public static final int DEFAULT_UPLOADS = 5;
  public static final int DEFAULT_ATTEMPTS = 5;
  public static final List<Path> DEFAULT_CERT_DIRS = List.of(Path.of("/etc/docker/certs.d"),
      Path.of("/etc/berth/certs.d"));

  public RegistryConfig {
    mirrors = List.copyOf(mirrors);
    insecureRegistries = List.copyOf(insecureRegistries);
    certDirs = List.copyOf(certDirs);
  }

  public static RegistryConfig defaults() {
    return new RegistryConfig(List.of(), List.of(), DEFAULT_CERT_DIRS, DEFAULT_DOWNLOADS, DEFAULT_UPLOADS,
        DEFAULT_ATTEMPTS);
  }
}
