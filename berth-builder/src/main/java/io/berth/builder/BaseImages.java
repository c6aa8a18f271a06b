package io.berth.builder;

import io.berth.common.BerthException;
import io.berth.common.Digest;
import io.berth.common.ImageReference;
import io.berth.dockerfile.request.BuildRequest;
import io.berth.engine.Engine;
import io.berth.engine.distribution.Distribution;
import io.berth.engine.distribution.PullService;
import io.berth.engine.image.Image;
import io.berth.registry.Credentials;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The images a build names (FROM, COPY --from, RUN --mount from=), as dockerd's classic builder finds them:
 * the local image, else pulled (with {@code --pull} always pulled), with the credentials of the request's
 * X-Registry-Config for that registry, the pull's progress in the stage's output. Stages naming the same
 * image share one pull.
 */
final class BaseImages {
  private final Engine engine;
  private final boolean alwaysPull;
  private final Map<String, BuildRequest.AuthConfig> authConfigs;
  private final Map<ImageReference, CompletableFuture<Image>> pulls = new ConcurrentHashMap<>();

  BaseImages(Engine engine, BuildRequest request) {
    this.engine = engine;
    this.alwaysPull = request.pull();
    this.authConfigs = request.authConfigs();
  }

  Image get(String name, BuildOutput out) throws IOException {
    if (!alwaysPull || Digest.isSha256Hex(name)) {
      try {
        return engine.images().resolve(name);
      } catch (BerthException.NotFound e) {
        if (Digest.isSha256Hex(name)) {
          throw e;
        }
      }
    }
    ImageReference ref = ImageReference.parse(name).withDefaultTag();
    CompletableFuture<Image> mine = new CompletableFuture<>();
    CompletableFuture<Image> pull = pulls.putIfAbsent(ref, mine);
    if (pull == null) {
      try {
        mine.complete(pull(ref, out));
      } catch (IOException | RuntimeException e) {
        mine.completeExceptionally(e);
      }
      pull = mine;
    }
    try {
      return pull.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while pulling " + name);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw (RuntimeException) e.getCause();
    }
  }

  private Image pull(ImageReference ref, BuildOutput out) throws IOException {
    engine.distribution().pull().pull(new PullService.PullRequest(ref, false, null, credentials(ref.domain())),
        out::progress);
    return engine.images().resolve(ref.toString());
  }

  /** dockerd's ResolveAuthConfig: the entry keyed by the registry's name, else one whose address names it. */
  private Credentials credentials(String domain) {
    BuildRequest.AuthConfig found = null;
    for (var e : authConfigs.entrySet()) {
      if (Distribution.indexName(e.getKey()).equals(domain)) {
        found = e.getValue();
        break;
      }
    }
    return found == null ? Credentials.ANONYMOUS : Credentials.fromAuthConfig(found.username(), found.password(),
        found.auth(), found.identityToken(), found.registryToken());
  }
}
