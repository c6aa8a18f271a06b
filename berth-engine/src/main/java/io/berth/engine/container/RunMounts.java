package io.berth.engine.container;

import io.berth.oci.Mount;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Mounts given in process for a container's runs (not part of its stored config), dropped with the container. */
final class RunMounts {
  private final Map<String, List<Mount>> byContainer = new ConcurrentHashMap<>();

  void add(String id, List<Mount> mounts) {
    byContainer.merge(id, List.copyOf(mounts), (a, b) -> {
      List<Mount> all = new java.util.ArrayList<>(a);
      all.addAll(b);
      return List.copyOf(all);
    });
  }

  List<Mount> get(String id) {
    return byContainer.getOrDefault(id, List.of());
  }

  void forget(String id) {
    byContainer.remove(id);
  }
}
