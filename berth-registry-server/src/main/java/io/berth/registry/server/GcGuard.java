package io.berth.registry.server;

import io.berth.common.Digest;
import java.io.IOException;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps online garbage collection and writers apart. Every write that makes content reachable (a blob
 * committed or mounted into a repository, a manifest accepted) runs under the read lock and reports the
 * digests it made reachable; while a collection runs they go into its {@code touched} set, which its sweep
 * spares. The sweep alone takes the write lock, so a writer's "is this blob there?" check and its link cannot
 * straddle a deletion. Reads of content take no lock at all.
 */
final class GcGuard {
  /** A write that may fail with an I/O error. */
  interface Work<T> {
    T run() throws IOException;
  }

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile Set<Digest> touched;

  <T> T write(Work<T> work) throws IOException {
    lock.readLock().lock();
    try {
      return work.run();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Called by a writer, under {@link #write}, for what it just made reachable. */
  void reached(Collection<Digest> digests) {
    Set<Digest> set = touched;
    if (set != null) {
      set.addAll(digests);
    }
  }

  void reached(Digest digest) {
    Set<Digest> set = touched;
    if (set != null) {
      set.add(digest);
    }
  }

  /** Starts recording writes: from here on nothing made reachable can be swept by this collection. */
  void begin() {
    lock.writeLock().lock();
    try {
      touched = ConcurrentHashMap.newKeySet();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Runs the sweep with writers held off; {@code spared} is what writers reached since {@link #begin}. */
  <T> T sweep(java.util.function.Function<Set<Digest>, Work<T>> sweep) throws IOException {
    lock.writeLock().lock();
    try {
      return sweep.apply(Set.copyOf(touched)).run();
    } finally {
      touched = null;
      lock.writeLock().unlock();
    }
  }

  /** Ends a collection that failed before its sweep. */
  void abandon() {
    touched = null;
  }
}
