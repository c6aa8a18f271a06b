package io.berth.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Debian's docker-registry (distribution 2.8) on a free loopback port with its storage in a
 * temporary directory; {@code extraConfig} is appended to its config (auth, TLS). Closing it
 * stops the registry and removes its files.
 */
final class LocalRegistry implements AutoCloseable {
  final Path dir;
  final String address;
  final int port;
  private final Process process;

  private LocalRegistry(Path dir, String address, int port, Process process) {
    this.dir = dir;
    this.address = address;
    this.port = port;
    this.process = process;
  }

  static LocalRegistry start(String extraConfig) throws IOException {
    return start("127.0.0.1", "", extraConfig);
  }

  /**
   * A registry on {@code address} (an address of this host); {@code httpConfig} goes under its
   * {@code http:} key (indented by two spaces: TLS), {@code extraConfig} at the top level.
   */
  static LocalRegistry start(String address, String httpConfig, String extraConfig) throws IOException {
    Path dir = Files.createTempDirectory("berth-e2e-registry-");
    int port = freePort(address);
    Files.writeString(dir.resolve("config.yml"), """
        version: 0.1
        log:
          level: error
        storage:
          filesystem:
            rootdirectory: %s
          delete:
            enabled: true
        http:
          addr: %s:%d
        """.formatted(dir.resolve("data"), address, port) + httpConfig + extraConfig);
    Process p = new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    LocalRegistry r = new LocalRegistry(dir, address, port, p);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      try (java.net.Socket ignored = new java.net.Socket(address, port)) {
        return r;
      } catch (IOException e) {
        if (!Fixtures.sleep(100)) {
          break;
        }
      }
    }
    r.close();
    throw new IllegalStateException("docker-registry did not start");
  }

  static int freePort(String address) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(address))) {
      return s.getLocalPort();
    }
  }

  String host() {
    return address + ":" + port;
  }

  String log() {
    try {
      return Files.readString(dir.resolve("registry.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** The file the registry keeps a blob's bytes in. */
  Path blobFile(String digest) {
    String hex = digest.substring("sha256:".length());
    return dir.resolve("data/docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex)
        .resolve("data");
  }

  /** A raw registry call (plain HTTP, no auth), for setting up content berth is then asked to pull. */
  HttpResponse<String> call(String method, String path, String contentType, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + host() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.header("Accept", "application/vnd.docker.distribution.manifest.v2+json"); // not a schema 1 conversion
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  @Override
  public void close() {
    Fixtures.terminate(process, 10);
    Berthd.deleteTree(dir);
  }
}
