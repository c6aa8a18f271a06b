package io.berth.registry.server;

import io.berth.common.Digest;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** A registry server on a free loopback port over a root directory, and a plain HTTP client for it. */
final class TestRegistry implements AutoCloseable {
  final Path root;
  final RegistryServer server;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  TestRegistry(Path root, Duration grace) throws IOException {
    this(new Settings(new InetSocketAddress("127.0.0.1", 0), root, Duration.ZERO, grace, Log.Level.ERROR),
        new Log(new PrintStream(System.err), Log.Level.ERROR));
  }

  TestRegistry(Settings settings, Log log) throws IOException {
    this.root = settings.root();
    this.server = RegistryServer.start(settings, log);
  }

  TestRegistry(Path root) throws IOException {
    this(root, Duration.ofHours(1));
  }

  String base() {
    return "http://127.0.0.1:" + server.address().getPort();
  }

  HttpResponse<String> call(String method, String path, byte[] body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    return call("GET", path, null, headers);
  }

  /** Pushes a blob monolithically; returns its digest. */
  Digest pushBlob(String repository, byte[] content) throws Exception {
    Digest digest = Digest.sha256(content);
    HttpResponse<String> r = call("POST", "/v2/" + repository + "/blobs/uploads/?digest=" + digest, content);
    if (r.statusCode() != 201) {
      throw new AssertionError("blob push: " + r.statusCode() + " " + r.body());
    }
    return digest;
  }

  /** An OCI image manifest over a config and layers already pushed to the repository. */
  static String imageManifest(Digest config, long configSize, Digest layer, long layerSize, String extra) {
    return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config
        + "\",\"size\":" + configSize + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
        + "\"digest\":\"" + layer + "\",\"size\":" + layerSize + "}]" + extra + "}";
  }

  /** Pushes a small image (config + one layer made from {@code seed}) and tags it; returns the manifest. */
  Pushed pushImage(String repository, String tag, String seed) throws Exception {
    byte[] config = ("{\"seed\":\"" + seed + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("layer of " + seed).getBytes(StandardCharsets.UTF_8);
    Digest c = pushBlob(repository, config);
    Digest l = pushBlob(repository, layer);
    String manifest = imageManifest(c, config.length, l, layer.length, "");
    HttpResponse<String> r = call("PUT", "/v2/" + repository + "/manifests/" + tag,
        manifest.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/vnd.oci.image.manifest.v1+json");
    if (r.statusCode() != 201) {
      throw new AssertionError("manifest push: " + r.statusCode() + " " + r.body());
    }
    return new Pushed(Digest.sha256(manifest.getBytes(StandardCharsets.UTF_8)), c, l, manifest);
  }

  record Pushed(Digest manifest, Digest config, Digest layer, String body) {}

  @Override
  public void close() {
    server.close();
    client.close();
  }
}
