package io.berth.engine.distribution;

import io.berth.common.ImageReference;
import io.berth.engine.image.Images;
import io.berth.registry.Credentials;
import io.berth.registry.Descriptor;
import io.berth.registry.Endpoint;
import io.berth.registry.Manifest;
import io.berth.registry.ManifestFormatException;
import io.berth.registry.Platform;
import io.berth.registry.RegistryException;
import io.berth.registry.Repository;
import io.berth.registry.TransportException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine's side of registries: pull, push, login and manifest inspection, over the image and
 * layer stores; configured from daemon.json's registry keys ({@link #configure}).
 */
public final class Distribution {
  private final Registries registries = new Registries();
  private final BlobDownloads downloads;
  private final DistributionMetadata metadata;
  private final PullService pull;
  private final PushService push;
  private final SearchService search;

  /** {@code metadataRoot} is {@code image/<driver>/distribution}, {@code downloadDir} where blobs land. */
  public Distribution(Images images, Path metadataRoot, Path downloadDir) throws IOException {
    this.metadata = new DistributionMetadata(metadataRoot);
    this.downloads = new BlobDownloads(downloadDir);
    this.pull = new PullService(images, registries, new LayerPuller(images.layers(), downloads, metadata));
    this.push = new PushService(images, registries, new LayerPusher(images.layers(), metadata));
    this.search = new SearchService(registries);
  }

  public void configure(RegistryConfig config) {
    registries.configure(config);
    downloads.configure(config);
    push.configure(config);
  }

  public PushService push() {
    return push;
  }

  public RegistryConfig config() {
    return registries.config();
  }

  public SearchService search() {
    return search;
  }

  public PullService pull() {
    return pull;
  }

  public DistributionMetadata metadata() {
    return metadata;
  }

  public Registries registries() {
    return registries;
  }

  /** For tests: the seconds of a download's retry countdown last {@code millis}. */
  public void retryTick(long millis) {
    downloads.retryTick(millis);
  }

  /**
   * {@code docker login}: checks the credentials against the registry {@code server} names (a host,
   * or a URL such as Docker Hub's {@code https://index.docker.io/v1/}). Returns the identity token
   * a token server handed out, or empty. Refused credentials are a 401 in dockerd's words.
   */
  public String login(String server, Credentials credentials) throws IOException {
    String host = indexName(server);
    IOException last = null;
    for (Endpoint endpoint : registries.endpoints(host)) {
      if (endpoint.mirror()) {
        continue;
      }
      try {
        return registries.session(endpoint, credentials).login();
      } catch (TransportException e) {
        last = e;
      } catch (RegistryException e) {
        if (e.status() == 401) {
          throw new io.berth.common.BerthException.Unauthorized(e.getMessage());
        }
        throw e;
      }
    }
    throw last;
  }

  /**
   * The registry a server address names, as an image reference's domain: the host of a URL, Docker Hub's
   * addresses as {@code docker.io} (dockerd's convertToHostname and its official index names).
   */
  public static String indexName(String server) {
    String host = server.replaceFirst("^https?://", "");
    host = host.contains("/") ? host.substring(0, host.indexOf('/')) : host;
    return host.isEmpty() || host.equals("index.docker.io") || host.equals("registry-1.docker.io")
        ? ImageReference.DEFAULT_DOMAIN : host;
  }

  /** {@code GET /distribution/{name}/json}: the manifest's descriptor and the platforms it serves. */
  public record Inspection(Descriptor descriptor, List<Platform> platforms) {}

  public Inspection inspect(ImageReference ref, Credentials credentials) throws IOException {
    ImageReference tagged = ref.withDefaultTag();
    IOException last = null;
    for (Endpoint endpoint : registries.endpoints(ref.domain())) {
      Repository repo = registries.session(endpoint, credentials).repository(ref.path());
      try {
        Manifest m = repo.manifest(tagged.digest() != null ? tagged.digest() : tagged.tag());
        Descriptor d = Descriptor.of(m.mediaType(), m.digest(), m.raw().length);
        List<Platform> platforms = new ArrayList<>();
        switch (m) {
          case Manifest.Index index -> index.manifests().forEach(x -> {
            if (x.platform() != null) {
              platforms.add(x.platform());
            }
          });
          case Manifest.Image image -> {
            Map<String, Object> config = io.berth.common.Json.object(repo.blob(image.config().digest()));
            platforms.add(new Platform((String) config.get("os"), (String) config.get("architecture"),
                (String) config.get("variant")));
          }
          case Manifest.Schema1 s -> { }
        }
        return new Inspection(d, platforms);
      } catch (TransportException e) {
        last = e;
      } catch (RegistryException e) {
        if (!endpoint.mirror()) {
          throw PullErrors.translate(e, tagged);
        }
        last = e;
      } catch (ManifestFormatException e) {
        throw new io.berth.common.BerthException.InvalidParameter(e.getMessage());
      }
    }
    throw last;
  }
}
