package io.berth.registry.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The registry's storage under one root: the blob store, the repositories' links, the upload sessions, and the
 * guard that lets garbage collection run beside them. Opening it cleans what a crash can leave behind.
 */
final class Store {
  /** Upload sessions idle this long are dropped (distribution's purge age). */
  static final Duration UPLOAD_TTL = Duration.ofDays(7);

  final Layout layout;
  final Durable durable;
  final BlobStore blobs;
  final Repositories repositories;
  final Uploads uploads;
  final GcGuard guard = new GcGuard();
  /** When each repository last received content (ms): its new blobs wait for their manifest meanwhile. */
  private final ConcurrentMap<String, Long> activity = new ConcurrentHashMap<>();

  private Store(Path root) {
    this.layout = new Layout(root);
    this.durable = new Durable(layout.tmp());
    this.blobs = new BlobStore(layout, durable);
    this.repositories = new Repositories(layout, durable);
    this.uploads = new Uploads(layout, durable);
  }

  /** Opens (creating) the store: empties tmp/ and drops incomplete or expired upload sessions. */
  static Store open(Path root) throws IOException {
    Store store = new Store(root);
    Files.createDirectories(store.layout.blobs());
    Files.createDirectories(store.layout.repositories());
    Files.createDirectories(store.layout.uploads());
    Files.createDirectories(store.layout.tmp());
    store.durable.sweep();
    store.uploads.purge(UPLOAD_TTL);
    return store;
  }

  void active(String repository) {
    activity.put(repository, System.currentTimeMillis());
  }

  long lastActivity(String repository) {
    return activity.getOrDefault(repository, 0L);
  }
}
