package io.berth.engine.distribution;

import io.berth.common.Digest;
import io.berth.common.AtomicFiles;
import io.berth.registry.Descriptor;
import io.berth.registry.RegistryException;
import io.berth.registry.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The daemon's blob downloads: at most {@code max-concurrent-downloads} at once across all pulls
 * (others report {@code Waiting}), each blob fetched once however many pulls want it at the same
 * time, retried up to {@code max-download-attempts} times ({@code Retrying in N seconds}) from where
 * it stopped. Files of downloads that did not finish stay in {@code dir} for the next pull to
 * resume with a range request; one untouched for a day (the interrupted pull was not retried
 * soon, and the registry may have moved on) is removed at start and, for a daemon that runs for
 * long, when a download begins (at most hourly).
 */
final class BlobDownloads {
  private static final Duration KEEP_PARTIAL = Duration.ofDays(1);
  private static final Duration SWEEP_EVERY = Duration.ofHours(1);
  private static final Set<String> NO_RETRY = Set.of("UNAUTHORIZED", "UNSUPPORTED", "DENIED", "TOOMANYREQUESTS",
      "NAME_UNKNOWN", "BLOB_UNKNOWN");
  private final Path dir;
  private final Map<Digest, Shared> inFlight = new ConcurrentHashMap<>();
  private volatile Semaphore slots = new Semaphore(RegistryConfig.DEFAULT_DOWNLOADS, true);
  private volatile int attempts = RegistryConfig.DEFAULT_ATTEMPTS;
  private volatile long retryTick = 1000;
  private Instant lastSweep;

  /** A download and the pulls using it. */
  static final class Shared {
    final BlobDownload download;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    int users;

    Shared(BlobDownload download) {
      this.download = download;
    }
  }

  BlobDownloads(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    sweep(Instant.now());
  }

  /** Removes what no download in flight holds and is stale (or not a blob's file at all). */
  private synchronized void sweep(Instant now) throws IOException {
    lastSweep = now;
    Instant cutoff = now.minus(KEEP_PARTIAL);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (!Digest.isSha256Hex(name)) {
          AtomicFiles.deleteTree(f);
        } else if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)
            && !inFlight.containsKey(Digest.parse("sha256:" + name))) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  void configure(RegistryConfig config) {
    slots = RegistryConfig.slots(config.maxConcurrentDownloads());
    attempts = Math.max(1, config.maxDownloadAttempts());
  }

  /** Makes the seconds of "Retrying in N seconds" shorter, for tests. */
  void retryTick(long millis) {
    retryTick = millis;
  }

  /** Joins the download of {@code blob} (starting it when nobody fetches it yet); watch its progress. */
  Shared join(Descriptor blob, Repository repo, Consumer<Progress> watcher) {
    Shared created = null;
    Shared shared;
    synchronized (this) {
      Instant now = Instant.now();
      if (now.isAfter(lastSweep.plus(SWEEP_EVERY))) {
        try {
          sweep(now);
        } catch (IOException e) {
          // tried again at the next download
        }
      }
      shared = inFlight.get(blob.digest());
      if (shared == null) {
        created = new Shared(new BlobDownload(blob, dir.resolve(blob.digest().hex())));
        inFlight.put(blob.digest(), created);
        shared = created;
      }
      shared.users++;
    }
    shared.download.watch(watcher);
    if (created != null) {
      Shared s = created;
      Thread.ofVirtual().name("download " + blob.shortId()).start(() -> run(s, repo));
    }
    return shared;
  }

  /** Lets go of a download; the last user deletes a verified file (its layer is registered). */
  void leave(Shared shared, Consumer<Progress> watcher) {
    shared.download.unwatch(watcher);
    boolean last;
    synchronized (this) {
      last = --shared.users == 0;
      if (last) {
        inFlight.remove(shared.download.blob.digest(), shared);
      }
    }
    if (last && shared.download.verified()) {
      try {
        Files.deleteIfExists(shared.download.file);
      } catch (IOException e) {
        // swept at a later start
      }
    }
  }

  private void run(Shared shared, Repository repo) {
    BlobDownload d = shared.download;
    Semaphore s = slots;
    try {
      if (!s.tryAcquire()) {
        d.report(new Progress.Update(d.id(), "Waiting"));
        s.acquire();
      }
      try {
        d.resumeFromDisk();
        for (int attempt = 1; ; attempt++) {
          try {
            d.fetch(repo);
            break;
          } catch (IOException e) {
            if (!retryable(e) || attempt >= attempts) {
              throw e;
            }
            for (int delay = attempt * 5; delay > 0; delay--) {
              d.report(new Progress.Update(d.id(), "Retrying in " + delay + " second" + (delay != 1 ? "s" : "")));
              Thread.sleep(retryTick);
            }
          }
        }
      } finally {
        s.release();
      }
      shared.done.complete(null);
    } catch (IOException e) {
      d.fail(e);
      shared.done.completeExceptionally(e);
    } catch (InterruptedException e) {
      IOException io = new java.io.InterruptedIOException("download cancelled");
      d.fail(io);
      shared.done.completeExceptionally(io);
    } catch (RuntimeException e) {
      IOException io = new IOException(e.getMessage(), e);
      d.fail(io);
      shared.done.completeExceptionally(io);
    }
  }

  /** dockerd's retryOnError: refusals and unexpected answers are final, broken transfers are tried again. */
  static boolean retryable(IOException e) {
    if (e instanceof RegistryException r) {
      return !r.errors().isEmpty() && !NO_RETRY.contains(r.code());
    }
    return !String.valueOf(e.getMessage()).contains("no space left on device");
  }
}
