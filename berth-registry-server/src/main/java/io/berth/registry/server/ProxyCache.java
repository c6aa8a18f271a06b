package io.berth.registry.server;

import io.berth.common.Digest;
import io.berth.registry.Credentials;
import io.berth.registry.Descriptor;
import io.berth.registry.Endpoint;
import io.berth.registry.Manifest;
import io.berth.registry.ManifestFormatException;
import io.berth.registry.RegistryHttp;
import io.berth.registry.Repository;
import io.berth.registry.Session;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pull-through cache ({@code --proxy UPSTREAM}, several tried in order): what a client asks for and the
 * store lacks is fetched from the first upstream that has it and stored as if it had been pushed, blobs
 * before the manifest that references them (so the store keeps its invariant); a tag is checked upstream on
 * every pull, so a moved tag is followed, and the cached copy answers while no upstream does. The calls
 * are berth-registry's client ({@link Session}: auth challenges, tokens, TLS).
 */
final class ProxyCache {
  private final List<Session> upstreams;
  private final Store store;
  private final BlobService blobs;
  private final ManifestService manifests;
  private final Log log;

  ProxyCache(List<URI> upstreams, Store store, BlobService blobs, ManifestService manifests, Log log) {
    RegistryHttp http = new RegistryHttp(ProxySelector.getDefault(), "berth-registry-proxy");
    List<Session> sessions = new ArrayList<>();
    for (URI upstream : upstreams) {
      Endpoint endpoint = new Endpoint(upstream.getAuthority(), upstream, false, Endpoint.Tls.SYSTEM);
      sessions.add(new Session(http, endpoint, Credentials.ANONYMOUS));
    }
    this.upstreams = List.copyOf(sessions);
    this.store = store;
    this.blobs = blobs;
    this.manifests = manifests;
    this.log = log;
  }

  /**
   * Makes {@code reference} of {@code repository} current in the store when an upstream has it: a tag is
   * resolved upstream each time, a digest only when the store lacks it. Quiet when no upstream answers.
   */
  void refresh(String repository, String reference) {
    boolean byDigest = Names.isDigest(reference);
    if (byDigest && store.repositories.manifestType(repository, Names.digest(reference)).isPresent()) {
      return;
    }
    for (Session upstream : upstreams) {
      Repository remote = upstream.repository(repository);
      try {
        if (!byDigest) {
          Descriptor current = remote.resolveTag(reference);
          Optional<Digest> local = store.repositories.resolveTag(repository, reference);
          if (local.isPresent() && local.get().equals(current.digest())
              && store.repositories.manifestType(repository, current.digest()).isPresent()) {
            return;
          }
        }
        Manifest manifest = remote.manifest(reference);
        fetchReferences(remote, repository, manifest);
        manifests.put(repository, reference, manifest.mediaType(), manifest.raw());
        log.info("proxy: cached " + repository + ":" + reference + " from " + upstream.endpoint().base());
        return;
      } catch (IOException | ManifestFormatException | RegistryError e) {
        log.debug("proxy: " + upstream.endpoint().base() + " has no " + repository + ":" + reference + ": " + e.getMessage());
      }
    }
  }

  /** Fetches a blob the repository lacks from the first upstream that serves it; false when none does. */
  boolean fetchBlob(String repository, Digest digest) {
    for (Session upstream : upstreams) {
      try {
        copyBlob(upstream.repository(repository), repository, digest);
        return true;
      } catch (IOException | RegistryError e) {
        log.debug("proxy: " + upstream.endpoint().base() + " has no blob " + digest + ": " + e.getMessage());
      }
    }
    return false;
  }

  private void fetchReferences(Repository remote, String repository, Manifest manifest)
      throws IOException, ManifestFormatException {
    switch (manifest) {
      case Manifest.Image image -> {
        List<Descriptor> all = new ArrayList<>(image.layers());
        all.add(image.config());
        for (Descriptor d : all) {
          if (d.urls().isEmpty() && !(store.repositories.hasBlobLink(repository, d.digest()) && store.blobs.exists(d.digest()))) {
            copyBlob(remote, repository, d.digest());
          }
        }
      }
      case Manifest.Index index -> {
        for (Descriptor child : index.manifests()) {
          if (store.repositories.manifestType(repository, child.digest()).isEmpty()) {
            Manifest m = remote.manifest(child.digest().toString());
            fetchReferences(remote, repository, m);
            manifests.put(repository, child.digest().toString(), m.mediaType(), m.raw());
          }
        }
      }
      case Manifest.Schema1 ignored -> throw new ManifestFormatException("schema 1 manifests are not cached");
    }
  }

  /** Streams a blob from upstream through an upload session of our own, verified as any upload is. */
  private void copyBlob(Repository remote, String repository, Digest digest) throws IOException {
    Upload upload = blobs.start(repository);
    try (Repository.BlobStream stream = remote.openBlob(digest, 0)) {
      blobs.finish(upload, digest, stream.in());
    } catch (IOException | RuntimeException e) {
      if (Files.exists(upload.dir)) {
        blobs.cancel(upload);
      }
      throw e;
    }
  }
}
