package io.berth.engine.container;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** One lock per container: its state transitions (start, exit, restart, pause, update, removal) take turns. */
final class ContainerLocks {
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  ReentrantLock of(String id) {
    return locks.computeIfAbsent(id, k -> new ReentrantLock());
  }

  /** Once the container is gone. */
  void forget(String id) {
    locks.remove(id);
  }
}
