package io.berth.engine.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Those waiting for a container's next exit or its removal ({@code docker wait}, stop, kill, rm). A waiter
 * is dropped once it is completed, and every waiter of a container is completed when it is removed, so
 * nothing here outlives the container.
 */
public final class ExitWaiters {
  private final Map<String, List<CompletableFuture<Integer>>> exits = new ConcurrentHashMap<>();
  private final Map<String, List<CompletableFuture<Integer>>> removals = new ConcurrentHashMap<>();

  /** Completes with the exit code of the container's next exit (or its last one, if it is removed first). */
  public CompletableFuture<Integer> nextExit(String id) {
    return register(exits, id);
  }

  /** Completes with the container's last exit code once it is removed. */
  public CompletableFuture<Integer> removal(String id) {
    return register(removals, id);
  }

  void exited(String id, int code) {
    complete(exits, id, code);
  }

  void removed(String id, int code) {
    complete(exits, id, code);
    complete(removals, id, code);
  }

  /** How many waiters are registered (for tests of their life cycle). */
  int pending() {
    return exits.values().stream().mapToInt(List::size).sum()
        + removals.values().stream().mapToInt(List::size).sum();
  }

  private static CompletableFuture<Integer> register(Map<String, List<CompletableFuture<Integer>>> map, String id) {
    CompletableFuture<Integer> f = new CompletableFuture<>();
    map.compute(id, (k, list) -> {
      List<CompletableFuture<Integer>> l = list == null ? new ArrayList<>() : list;
      l.add(f);
      return l;
    });
    // a waiter given up (cancelled by its caller) leaves at once
    f.whenComplete((v, e) -> {
      if (f.isCancelled()) {
        map.computeIfPresent(id, (k, list) -> {
          list.remove(f);
          return list.isEmpty() ? null : list;
        });
      }
    });
    return f;
  }

  private static void complete(Map<String, List<CompletableFuture<Integer>>> map, String id, int code) {
    List<CompletableFuture<Integer>> list = map.remove(id);
    if (list != null) {
      list.forEach(f -> f.complete(code));
    }
  }
}
