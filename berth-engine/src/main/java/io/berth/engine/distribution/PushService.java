package io.berth.engine.distribution;

import io.berth.common.BerthException;
import io.berth.common.Digest;
import io.berth.common.ImageReference;
import io.berth.common.Json;
import io.berth.common.JsonIndent;
import io.berth.engine.image.Image;
import io.berth.engine.image.Images;
import io.berth.engine.layer.Layer;
import io.berth.registry.Credentials;
import io.berth.registry.Descriptor;
import io.berth.registry.Endpoint;
import io.berth.registry.MediaTypes;
import io.berth.registry.Platform;
import io.berth.registry.RegistryException;
import io.berth.registry.Repository;
import io.berth.registry.Session;
import io.berth.registry.TransportException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * {@code docker push}, as dockerd's v2 pusher: every layer prepared, then pushed concurrently
 * ({@code max-concurrent-uploads}) by {@link LayerPusher}, the config uploaded unless present, and
 * a Docker schema 2 manifest put under the tag; then {@code <tag>: digest: … size: …} and the aux
 * result. A name without a tag pushes every tag of the repository.
 */
public final class PushService {
  private final Images images;
  private final Registries registries;
  private final LayerPusher layers;
  private volatile Semaphore slots = new Semaphore(RegistryConfig.DEFAULT_UPLOADS, true);

  /** What to push: a repository or tag, the client's credentials. */
  /** What to push: a repository (every tag) or one tag; {@code platform} (null: any) must be the image's. */
  public record PushRequest(ImageReference ref, Platform platform, Credentials credentials) {}

  PushService(Images images, Registries registries, LayerPusher layers) {
    this.images = images;
    this.registries = registries;
    this.layers = layers;
  }

  void configure(RegistryConfig config) {
    slots = RegistryConfig.slots(config.maxConcurrentUploads());
  }

  /**
   * dockerd's Push: the repository line comes first, so every failure after it (no such tag, a
   * registry's refusal) is the stream's last line, and the Docker CLI prints it as dockerd's.
   */
  public void push(PushRequest request, Consumer<Progress> out) throws IOException {
    ImageReference ref = request.ref();
    if (request.platform() != null) {
      images.resolve(ref.toString(), request.platform()); // dockerd checks before its stream starts
    }
    out.accept(new Progress.Message("", "The push refers to repository [" + ref.name() + "]"));
    List<ImageReference> tags = new ArrayList<>();
    if (ref.tag() == null) {
      for (Image image : images.store().all()) {
        for (ImageReference r : images.refs().references(image.id())) {
          if (r.name().equals(ref.name()) && r.tag() != null && r.digest() == null) {
            tags.add(r);
          }
        }
      }
      tags.sort(java.util.Comparator.comparing(ImageReference::tag));
    } else if (images.refs().get(ref).isPresent()) {
      tags.add(ref);
    }
    if (tags.isEmpty()) {
      throw new BerthException.NotFound("An image does not exist locally with the tag: " + ref.familiarName());
    }
    IOException last = null;
    for (Endpoint endpoint : registries.endpoints(ref.domain())) {
      if (endpoint.mirror()) {
        continue; // dockerd never pushes to a mirror
      }
      Session session = registries.session(endpoint, request.credentials());
      try {
        session.ping();
      } catch (TransportException e) {
        last = e; // not reachable this way: the next endpoint (https, then http for an insecure registry)
        continue;
      }
      try {
        for (ImageReference tag : tags) {
          pushTag(session.repository(ref.path()), tag, out);
        }
      } catch (RegistryException e) {
        throw new IOException(e.firstText(), e); // dockerd's upload errors: the first error alone
      }
      return;
    }
    throw last;
  }

  private void pushTag(Repository repo, ImageReference tag, Consumer<Progress> out) throws IOException {
    Image image = images.resolve(tag.toString());
    List<Digest> chain = images.chain(image);
    List<Layer> stack = new ArrayList<>();
    for (Digest c : chain) {
      stack.add(images.layers().get(c).orElseThrow(() -> new BerthException.NotFound("layer does not exist: " + c)));
    }
    for (int i = stack.size() - 1; i >= 0; i--) {
      out.accept(new Progress.Update(stack.get(i).diffId().shortHex(), "Preparing"));
    }
    Semaphore s = slots;
    List<Future<Descriptor>> pushed = new ArrayList<>();
    try (var exec = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = stack.size() - 1; i >= 0; i--) {
        Layer layer = stack.get(i);
        pushed.addFirst(exec.submit(() -> layers.push(repo, tag, layer, s, out)));
      }
    }
    List<Descriptor> descriptors = new ArrayList<>();
    for (Future<Descriptor> f : pushed) {
      try {
        descriptors.add(f.get());
      } catch (ExecutionException e) {
        throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted");
      }
    }
    byte[] config = image.rawConfig();
    if (repo.stat(image.id()).isEmpty()) {
      repo.uploadBytes(repo.startUpload(image.id(), null).orElseThrow(), config, image.id());
    }
    byte[] manifest = manifest(config, image.id(), descriptors);
    repo.putManifest(tag.tag(), MediaTypes.DOCKER_MANIFEST, manifest);
    Digest digest = Digest.sha256(manifest);
    images.reference(new ImageReference(tag.domain(), tag.path(), null, digest.toString()), image.id());
    out.accept(new Progress.Message("", tag.tag() + ": digest: " + digest + " size: " + manifest.length));
    out.accept(new Progress.Pushed(tag.tag(), digest.toString(), manifest.length));
    images.event("push", image.id(), tag.familiarString());
  }

  /** A Docker schema 2 manifest laid out as distribution's (3-space indent, Go's field order). */
  static byte[] manifest(byte[] config, Digest configDigest, List<Descriptor> layers) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 2);
    m.put("mediaType", MediaTypes.DOCKER_MANIFEST);
    m.put("config", Descriptor.of(MediaTypes.DOCKER_CONFIG, configDigest, config.length).toJson());
    List<Object> list = new ArrayList<>();
    layers.forEach(d -> list.add(d.toJson()));
    m.put("layers", list);
    return JsonIndent.indent(new String(Json.bytes(m), StandardCharsets.UTF_8), "", "   ").getBytes(StandardCharsets.UTF_8);
  }
}
