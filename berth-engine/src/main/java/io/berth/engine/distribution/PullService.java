package io.berth.engine.distribution;

import io.berth.common.BerthException;
import io.berth.common.Digest;
import io.berth.common.ImageReference;
import io.berth.common.Json;
import io.berth.engine.image.Image;
import io.berth.engine.image.Images;
import io.berth.engine.layer.Lease;
import io.berth.registry.Credentials;
import io.berth.registry.Descriptor;
import io.berth.registry.Endpoint;
import io.berth.registry.Manifest;
import io.berth.registry.ManifestFormatException;
import io.berth.registry.MediaTypes;
import io.berth.registry.Platform;
import io.berth.registry.RegistryException;
import io.berth.registry.Repository;
import io.berth.registry.TransportException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code docker pull}, as dockerd's v2 puller: the manifest by tag or digest (an index narrowed
 * to the wanted platform), the config, the layers ({@link LayerPuller}), then the image and its
 * tag and digest references, reporting dockerd's progress messages on the way. Endpoints are tried
 * in order while a failure is one dockerd falls back on (a mirror's, or one before any progress).
 */
public final class PullService {
  private final Images images;
  private final Registries registries;
  private final LayerPuller layers;

  /** What to pull: a reference (name only with {@code allTags}), an optional platform, the client's credentials. */
  public record PullRequest(ImageReference ref, boolean allTags, Platform platform, Credentials credentials) {}

  PullService(Images images, Registries registries, LayerPuller layers) {
    this.images = images;
    this.registries = registries;
    this.layers = layers;
  }

  public void pull(PullRequest request, Consumer<Progress> out) throws IOException {
    ImageReference ref = request.ref();
    IOException last = null;
    for (Endpoint endpoint : registries.endpoints(ref.domain())) {
      Repository repo = registries.session(endpoint, request.credentials()).repository(ref.path());
      Tracking tracked = new Tracking(out);
      try {
        boolean downloaded = pullRepository(repo, request, tracked);
        out.accept(new Progress.Message("", (downloaded ? "Status: Downloaded newer image for "
            : "Status: Image is up to date for ") + ref.familiarString()));
        return;
      } catch (TransportException e) {
        last = e;
        if (tracked.started) {
          throw e;
        }
      } catch (RegistryException e) {
        if (!endpoint.mirror() || tracked.started) {
          throw PullErrors.translate(e, ref);
        }
        last = e;
      } catch (ManifestFormatException e) {
        throw new BerthException.InvalidParameter(e.getMessage());
      }
    }
    throw last instanceof RegistryException r ? PullErrors.translate(r, ref) : last;
  }

  /** Whether anything was written yet: after that, no falling back to another endpoint. */
  private static final class Tracking implements Consumer<Progress> {
    private final Consumer<Progress> out;
    volatile boolean started;

    Tracking(Consumer<Progress> out) {
      this.out = out;
    }

    @Override
    public void accept(Progress p) {
      started = true;
      out.accept(p);
    }
  }

  private boolean pullRepository(Repository repo, PullRequest request, Consumer<Progress> out)
      throws IOException, ManifestFormatException {
    ImageReference ref = request.ref();
    if (ref.tag() != null || ref.digest() != null) {
      return pullTag(repo, ref, request.platform(), out);
    }
    boolean any = false;
    for (String tag : repo.tags()) {
      any |= pullTag(repo, ref.withTag(tag), request.platform(), out);
    }
    return any;
  }

  private boolean pullTag(Repository repo, ImageReference ref, Platform platform, Consumer<Progress> out)
      throws IOException, ManifestFormatException {
    String tagOrDigest = ref.digest() != null ? ref.digest() : ref.tag();
    Digest manifestDigest = ref.digest() != null ? Digest.parse(ref.digest()) : repo.resolveTag(ref.tag()).digest();
    ImageReference byDigest = new ImageReference(ref.domain(), ref.path(), null, manifestDigest.toString());
    Digest id = known(byDigest, platform);
    if (id == null) {
      Manifest manifest = repo.manifest(manifestDigest.toString());
      if (!manifest.digest().equals(manifestDigest)) {
        throw new IOException("manifest verification failed for digest " + manifestDigest);
      }
      if (manifest instanceof Manifest.Image m && !MediaTypes.IMAGE_CONFIGS.contains(m.config().mediaType())) {
        throw new BerthException.InvalidParameter("Encountered remote \"" + m.config().mediaType() + "\"("
            + MediaTypes.configClass(m.config().mediaType()) + ") when fetching");
      }
      out.accept(new Progress.Message(tagOrDigest, "Pulling from " + ref.path())); // the remote name, as dockerd
      id = switch (manifest) {
        case Manifest.Image m -> pullImage(repo, ref, m, platform, out);
        case Manifest.Index index -> pullIndex(repo, ref, index, platform, out);
        case Manifest.Schema1 s -> throw PullErrors.schema1(ref);
      };
    } else {
      out.accept(new Progress.Message(tagOrDigest, "Pulling from " + ref.path()));
    }
    out.accept(new Progress.Message("", "Digest: " + manifestDigest));
    if (ref.digest() != null) {
      images.reference(byDigest, id);
      images.event("pull", id, ref.familiarString());
      return true;
    }
    boolean newer = !images.refs().get(ref).map(id::equals).orElse(false);
    images.reference(byDigest, id);
    if (newer) {
      images.reference(ref, id);
    }
    images.event("pull", id, ref.familiarString());
    return newer;
  }

  /**
   * The image an earlier pull of this manifest digest made, when it is still stored and is for
   * the wanted platform (the host's when none is asked for: an index pulled before with
   * {@code --platform} gave another image): the manifest need not be fetched again (dockerd finds
   * it in its content store the same way), so pulling what is all present costs the tag's HEAD.
   */
  private Digest known(ImageReference byDigest, Platform requested) {
    Digest id = images.refs().get(byDigest).orElse(null);
    Image image = id == null ? null : images.store().get(id).orElse(null);
    if (image == null) {
      return null;
    }
    Platform has = image.platform().normalize();
    Platform want = (requested == null ? new Platform("", "", "") : requested).withDefaults();
    boolean variantMatters = requested != null && !requested.variant().isEmpty();
    return has.os().equals(want.os()) && has.architecture().equals(want.architecture())
        && (!variantMatters || has.variant().equals(want.variant())) ? id : null;
  }

  /** The best match of an index for the platform, pulled (dockerd's pullManifestList). */
  private Digest pullIndex(Repository repo, ImageReference ref, Manifest.Index index, Platform requested,
      Consumer<Progress> out) throws IOException, ManifestFormatException {
    Platform wanted = (requested == null ? new Platform("", "", "") : requested).withDefaults();
    for (Descriptor match : PlatformMatch.filter(index.manifests(), wanted)) {
      Manifest child = repo.manifest(match.digest().toString());
      if (!child.digest().equals(match.digest())) {
        throw new IOException("manifest verification failed for digest " + match.digest());
      }
      switch (child) {
        case Manifest.Image m -> {
          return pullImage(repo, ref, m, match.platform() == null ? null : match.platform(), out);
        }
        case Manifest.Index nested -> {
          try {
            return pullIndex(repo, ref, nested, requested, out);
          } catch (NoMatch e) {
            // try the next entry
          }
        }
        case Manifest.Schema1 s -> throw PullErrors.schema1(ref);
      }
    }
    throw new NoMatch(wanted);
  }

  /** dockerd's noMatchesErr. */
  static final class NoMatch extends IOException {
    NoMatch(Platform platform) {
      super("no matching manifest for " + platform + " in the manifest list entries");
    }
  }

  private Digest pullImage(Repository repo, ImageReference ref, Manifest.Image manifest, Platform platform,
      Consumer<Progress> out) throws IOException {
    Digest configDigest = manifest.config().digest();
    if (images.store().get(configDigest).isPresent()) {
      return configDigest;
    }
    for (Descriptor d : prepend(manifest.config(), manifest.layers())) {
      if (!MediaTypes.supported(d.mediaType())) {
        throw new BerthException.InvalidParameter("unsupported media type " + d.mediaType());
      }
    }
    byte[] config = ConfigFetch.fetch(repo, configDigest);
    Map<String, Object> parsed;
    try {
      parsed = Json.object(config);
    } catch (IOException e) {
      throw new IOException("error pulling image configuration: " + e.getMessage(), e);
    }
    Image probe = new Image(configDigest, config, parsed, null, null);
    if (!(parsed.get("rootfs") instanceof Map<?, ?>)) {
      throw new IOException("invalid rootfs in image configuration");
    }
    List<Digest> diffIds = probe.diffIds();
    if (diffIds.size() != manifest.layers().size()) {
      throw new IOException("layers from manifest don't match image configuration");
    }
    try (Lease lease = images.layers().lease()) {
      layers.pull(repo, ref.name(), manifest.layers(), diffIds, lease, out);
      return images.createImage(config, null, null).id();
    }
  }

  private static List<Descriptor> prepend(Descriptor first, List<Descriptor> rest) {
    List<Descriptor> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
