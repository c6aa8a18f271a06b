package io.berth.registry;

import io.berth.common.Digest;
import io.berth.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry calls on one repository ({@code /v2/<name>/…}): manifests, blobs (ranged reads,
 * existence, cross-repository mounts, uploads) and tags. Each is one small method; authorization
 * and errors are {@link Session}'s and {@link RegistryHttp}'s.
 */
public record Repository(Session session, RegistryHttp http, String name) {
  private String pullScope() {
    return "repository:" + name + ":pull";
  }

  private String pushScope() {
    return "repository:" + name + ":pull,push";
  }

  private URI uri(String rest) {
    return session.endpoint().resolve("/v2/" + name + rest);
  }

  /** A manifest by tag or digest, with the types dockerd accepts. */
  public Manifest manifest(String reference) throws IOException, ManifestFormatException {
    HttpRequest.Builder request = http.request(uri("/manifests/" + reference)).GET()
        .header("Accept", String.join(", ", MediaTypes.ACCEPTED_MANIFESTS));
    HttpResponse<byte[]> response = session.send(request, pullScope(), HttpResponse.BodyHandlers.ofByteArray());
    RegistryHttp.check(response, response.body());
    return Manifest.parse(response.body(), response.headers().firstValue("Content-Type").orElse(""));
  }

  /**
   * What a tag points at, as distribution's tags.Get asks: {@code HEAD} (no body to fetch), or a
   * {@code GET} where the registry gives no {@code Docker-Content-Digest} or fails the HEAD (its
   * error then has a body). {@link Descriptor#digest} is the manifest's digest.
   */
  public Descriptor resolveTag(String tag) throws IOException, ManifestFormatException {
    HttpRequest.Builder head = http.request(uri("/manifests/" + tag))
        .method("HEAD", HttpRequest.BodyPublishers.noBody())
        .header("Accept", String.join(", ", MediaTypes.ACCEPTED_MANIFESTS));
    HttpResponse<Void> response = session.send(head, pullScope(), HttpResponse.BodyHandlers.discarding());
    Optional<String> digest = response.headers().firstValue("Docker-Content-Digest");
    if (response.statusCode() >= 200 && response.statusCode() < 400 && digest.isPresent()) {
      try {
        return Descriptor.of(response.headers().firstValue("Content-Type").orElse(""), Digest.parse(digest.get()),
            response.headers().firstValueAsLong("Content-Length").orElse(0));
      } catch (RuntimeException e) {
        throw new ManifestFormatException("invalid Docker-Content-Digest " + digest.get());
      }
    }
    Manifest m = manifest(tag);
    return Descriptor.of(m.mediaType(), m.digest(), m.raw().length);
  }

  /** A blob's stream from {@code offset} on; {@link BlobStream#offset} says where it really starts. */
  public BlobStream openBlob(Digest digest, long offset) throws IOException {
    HttpRequest.Builder request = http.request(uri("/blobs/" + digest)).GET();
    if (offset > 0) {
      request.header("Range", "bytes=" + offset + "-");
    }
    HttpResponse<InputStream> response = session.send(request, pullScope(),
        HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() >= 400) {
      byte[] body = RegistryHttp.readAll(response::body);
      throw RegistryHttp.error(response, body);
    }
    long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    long start = response.statusCode() == 206 ? offset : 0;
    return new BlobStream(response.body(), start, length);
  }

  /** A blob read whole (configs: small). */
  public byte[] blob(Digest digest) throws IOException {
    try (BlobStream s = openBlob(digest, 0)) {
      return s.in().readAllBytes();
    }
  }

  /** The blob's size when the repository has it ({@code HEAD}), else empty. */
  public Optional<Long> stat(Digest digest) throws IOException {
    HttpRequest.Builder request = http.request(uri("/blobs/" + digest))
        .method("HEAD", HttpRequest.BodyPublishers.noBody());
    HttpResponse<Void> response = session.send(request, pushScope(), HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    RegistryHttp.check(response, new byte[0]);
    return Optional.of(response.headers().firstValueAsLong("Content-Length").orElse(0));
  }

  /**
   * Starts an upload, asking the registry to mount {@code digest} from repository {@code from} on
   * the same registry instead when given. Empty when the mount succeeded, else the upload's URL.
   */
  public Optional<URI> startUpload(Digest digest, String from) throws IOException {
    String query = from == null ? "" : "?mount=" + encode(digest.toString()) + "&from=" + encode(from);
    HttpRequest.Builder request = http.request(uri("/blobs/uploads/" + query))
        .POST(HttpRequest.BodyPublishers.noBody());
    String scope = from == null ? pushScope() : pushScope() + " repository:" + from + ":pull";
    HttpResponse<byte[]> response = session.send(request, scope, HttpResponse.BodyHandlers.ofByteArray());
    RegistryHttp.check(response, response.body());
    if (response.statusCode() == 201) {
      return Optional.empty();
    }
    String location = response.headers().firstValue("Location")
        .orElseThrow(() -> new RegistryException(response.statusCode(), "missing Location header"));
    return Optional.of(response.uri().resolve(location));
  }

  /** The digest of what was streamed, known once the stream has ended. */
  @FunctionalInterface
  public interface DigestOfBody {
    Digest get() throws IOException;
  }

  /** Streams the blob's bytes to an upload ({@code PATCH}) and commits it under their digest ({@code PUT}). */
  public void upload(URI location, HttpRequest.BodyPublisher body, DigestOfBody digestOfBody) throws IOException {
    HttpRequest.Builder patch = http.request(location).header("Content-Type", "application/octet-stream")
        .method("PATCH", body);
    HttpResponse<byte[]> patched = session.send(patch, pushScope(), HttpResponse.BodyHandlers.ofByteArray());
    RegistryHttp.check(patched, patched.body());
    URI next = patched.uri().resolve(patched.headers().firstValue("Location").orElse(location.toString()));
    Digest digest = digestOfBody.get();
    String sep = next.getRawQuery() == null ? "?" : "&";
    HttpRequest.Builder put = http.request(URI.create(next + sep + "digest=" + encode(digest.toString())))
        .PUT(HttpRequest.BodyPublishers.noBody());
    HttpResponse<byte[]> done = session.send(put, pushScope(), HttpResponse.BodyHandlers.ofByteArray());
    RegistryHttp.check(done, done.body());
  }

  /** Uploads a small blob in one request (configs). */
  public void uploadBytes(URI location, byte[] content, Digest digest) throws IOException {
    String sep = location.getRawQuery() == null ? "?" : "&";
    HttpRequest.Builder put = http.request(URI.create(location + sep + "digest=" + encode(digest.toString())))
        .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(content));
    HttpResponse<byte[]> done = session.send(put, pushScope(), HttpResponse.BodyHandlers.ofByteArray());
    RegistryHttp.check(done, done.body());
  }

  /** Puts a manifest under a tag (or digest). */
  public void putManifest(String reference, String mediaType, byte[] manifest) throws IOException {
    HttpRequest.Builder put = http.request(uri("/manifests/" + reference)).header("Content-Type", mediaType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest));
    HttpResponse<byte[]> done = session.send(put, pushScope(), HttpResponse.BodyHandlers.ofByteArray());
    RegistryHttp.check(done, done.body());
  }

  /** Every tag of the repository, following {@code Link} pages. */
  public List<String> tags() throws IOException {
    List<String> tags = new ArrayList<>();
    URI next = uri("/tags/list");
    while (next != null) {
      HttpResponse<byte[]> response = session.send(http.request(next).GET(), pullScope(),
          HttpResponse.BodyHandlers.ofByteArray());
      RegistryHttp.check(response, response.body());
      Map<String, Object> json = Json.object(response.body());
      if (json.get("tags") instanceof List<?> list) {
        list.forEach(t -> tags.add(String.valueOf(t)));
      }
      next = response.headers().firstValue("Link").map(l -> linkTarget(l, response.uri())).orElse(null);
    }
    return tags;
  }

  private static URI linkTarget(String link, URI base) {
    int lt = link.indexOf('<');
    int gt = link.indexOf('>');
    return lt < 0 || gt < lt ? null : base.resolve(link.substring(lt + 1, gt));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A blob's bytes from {@code offset} on; {@code length} is what remains, -1 when unknown. */
  public record BlobStream(InputStream in, long offset, long length) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
