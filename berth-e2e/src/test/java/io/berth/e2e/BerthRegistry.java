package io.berth.e2e;

import io.berth.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * berth's own registry, started as a user starts it ({@code bin/berth registry serve}) on a free loopback port
 * with its root in a temporary directory. It can be killed with SIGKILL and started again on the same root
 * and port. Closing it stops it and removes its files.
 */
final class BerthRegistry implements AutoCloseable {
  final Path dir;
  final Path root;
  final int port;
  private final List<String> extraFlags;
  private Process process;
  /** Milliseconds from exec to the first 200 on /v2/ at the last start. */
  long startMillis;

  private BerthRegistry(Path dir, int port, List<String> extraFlags) {
    this.dir = dir;
    this.root = dir.resolve("root");
    this.port = port;
    this.extraFlags = extraFlags;
  }

  static BerthRegistry start(String... extraFlags) throws IOException {
    BerthRegistry r = new BerthRegistry(Files.createTempDirectory("berth-e2e-regserver-"),
        LocalRegistry.freePort("127.0.0.1"), List.of(extraFlags));
    r.restart();
    return r;
  }

  String host() {
    return "127.0.0.1:" + port;
  }

  /** Starts the server (again) on the same root and port and waits for its first 200 on /v2/. */
  void restart() throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Berthd.REPO.resolve("bin/berth").toString(), "registry", "serve",
        "--addr", host(), "--root", root.toString()));
    cmd.addAll(extraFlags);
    long started = System.nanoTime();
    process = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("registry.log").toFile())).start();
    long deadline = started + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("berth registry exited: " + log());
      }
      try {
        if (ready()) {
          startMillis = (System.nanoTime() - started) / 1_000_000;
          return;
        }
      } catch (IOException e) {
        Fixtures.sleep(10);
      }
    }
    throw new IllegalStateException("berth registry did not answer: " + log());
  }

  /** Whether /v2/ answers (any status: auth may be on; TLS: the handshake alone, the CA is the test's). */
  private boolean ready() throws IOException {
    if (extraFlags.contains("--tls-cert")) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return true;
      }
    }
    int status = call("GET", "/v2/", null, null).statusCode();
    return status == 200 || status == 401;
  }

  /** SIGKILL: no shutdown hook runs, whatever was being written stays as it was. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  String log() {
    try {
      return Files.readString(dir.resolve("registry.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  HttpResponse<String> call(String method, String path, String contentType, byte[] body) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : "http://" + host() + path))
        .timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  Path blobFile(String digest) {
    String hex = digest.substring("sha256:".length());
    return root.resolve("blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex);
  }

  /**
   * Every manifest of every repository, with what it references that the store lacks (a blob file or the
   * repository's link to it); an empty list is a consistent store.
   */
  List<String> missingReferences() throws IOException {
    List<String> missing = new ArrayList<>();
    Path repositories = root.resolve("repositories");
    if (!Files.isDirectory(repositories)) {
      return missing;
    }
    List<Path> revisions;
    try (Stream<Path> walk = Files.walk(repositories)) {
      revisions = walk.filter(p -> p.getParent().endsWith("_manifests/revisions/sha256")).toList();
    }
    for (Path revision : revisions) {
      Path repo = revision.getParent().getParent().getParent().getParent();
      String digest = "sha256:" + revision.getFileName();
      if (!Files.exists(blobFile(digest))) {
        missing.add(digest + " (manifest)");
        continue;
      }
      Map<String, Object> manifest = Json.object(Files.readAllBytes(blobFile(digest)));
      List<Object> refs = new ArrayList<>();
      if (manifest.get("config") != null) {
        refs.add(manifest.get("config"));
      }
      if (manifest.get("layers") instanceof List<?> layers) {
        refs.addAll(layers);
      }
      for (Object ref : refs) {
        String d = (String) ((Map<?, ?>) ref).get("digest");
        if (!Files.exists(blobFile(d)) || !Files.exists(repo.resolve("_layers/sha256").resolve(d.substring(7)))) {
          missing.add(d + " of " + digest);
        }
      }
    }
    return missing;
  }

  @Override
  public void close() {
    if (process != null) {
      Fixtures.terminate(process, 10);
    }
    Berthd.deleteTree(dir);
  }
}
