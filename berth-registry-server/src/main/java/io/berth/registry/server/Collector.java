package io.berth.registry.server;

import io.berth.common.Digest;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Online garbage collection: mark, then sweep, while pushes and pulls go on.
 * <ul>
 *   <li>Mark (no lock): every manifest of every repository and what it references; and every blob linked
 *       into a repository within the grace period, or into one that received content within it, or that has
 *       an upload open (a push on its way to its manifest).</li>
 *   <li>Sweep (writers held off by {@link GcGuard}): every stored blob neither marked nor made reachable by
 *       a writer since the mark began is removed, with the repository links that pointed at it.</li>
 * </ul>
 * Upload sessions are never collected here (their data is not yet a blob), only idle ones past their age.
 */
final class Collector {
  private final Store store;
  private final Duration grace;

  Collector(Store store, Duration grace) {
    this.store = store;
    this.grace = grace;
  }

  record Result(int blobsRemoved, long bytesFreed, int linksRemoved, int uploadsPurged, long millis) {}

  synchronized Result collect() throws IOException {
    long started = System.currentTimeMillis();
    store.guard.begin();
    Set<Digest> marked;
    List<String> repositories;
    try {
      repositories = store.repositories.catalog();
      marked = mark(repositories, started - grace.toMillis());
    } catch (IOException | RuntimeException e) {
      store.guard.abandon();
      throw e;
    }
    Result swept = store.guard.sweep(spared -> () -> sweep(repositories, marked, spared));
    int purged = store.uploads.purge(Store.UPLOAD_TTL);
    return new Result(swept.blobsRemoved, swept.bytesFreed, swept.linksRemoved, purged,
        System.currentTimeMillis() - started);
  }

  private Set<Digest> mark(List<String> repositories, long cutoff) throws IOException {
    Set<Digest> marked = new HashSet<>();
    Set<String> uploading = new HashSet<>(store.uploads.activeRepositories());
    for (String repository : repositories) {
      for (Digest manifest : store.repositories.manifests(repository)) {
        if (marked.add(manifest)) {
          markReferences(manifest, marked);
        }
      }
      boolean busy = uploading.contains(repository) || store.lastActivity(repository) >= cutoff;
      for (Digest blob : store.repositories.blobLinks(repository)) {
        if (busy || store.repositories.linkTime(repository, blob).toMillis() >= cutoff) {
          marked.add(blob);
        }
      }
    }
    return marked;
  }

  private void markReferences(Digest manifest, Set<Digest> marked) {
    try {
      ManifestDocument doc = ManifestDocument.parse(store.blobs.read(manifest), null);
      marked.addAll(doc.blobs());
      marked.addAll(doc.manifests());
    } catch (IOException | RuntimeException e) {
      // a manifest that cannot be read references nothing more than itself
    }
  }

  private Result sweep(List<String> repositories, Set<Digest> marked, Set<Digest> spared) throws IOException {
    Set<Digest> removed = new HashSet<>();
    long freed = 0;
    for (Digest blob : store.blobs.all()) {
      if (!marked.contains(blob) && !spared.contains(blob)) {
        long size = Math.max(0, store.blobs.size(blob));
        store.blobs.delete(blob);
        removed.add(blob);
        freed += size;
      }
    }
    int links = 0;
    for (String repository : repositories) {
      for (Digest blob : store.repositories.blobLinks(repository)) {
        if (removed.contains(blob) || !store.blobs.exists(blob)) {
          store.repositories.unlinkBlob(repository, blob);
          links++;
        }
      }
    }
    return new Result(removed.size(), freed, links, 0, 0);
  }
}
