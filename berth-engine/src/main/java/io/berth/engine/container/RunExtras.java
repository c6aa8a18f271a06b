package io.berth.engine.container;

import io.berth.oci.Mount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mounts and variables given in process for a container's runs, not part of its stored config (a build's
 * RUN --mount files and secrets: a secret variable is never in the container's config, only in the runtime's
 * bundle under the exec root while the step runs, as in BuildKit's), dropped with the container.
 */
final class RunExtras {
  /** What a container's runs get beside its config: mounts, and variables set over its own. */
  record Extras(List<Mount> mounts, List<String> env) {
    static final Extras NONE = new Extras(List.of(), List.of());

    Extras plus(Extras more) {
      List<Mount> m = new ArrayList<>(mounts);
      m.addAll(more.mounts);
      List<String> e = new ArrayList<>(env);
      e.addAll(more.env);
      return new Extras(List.copyOf(m), List.copyOf(e));
    }
  }

  private final Map<String, Extras> byContainer = new ConcurrentHashMap<>();

  void add(String id, List<Mount> mounts, List<String> env) {
    byContainer.merge(id, new Extras(List.copyOf(mounts), List.copyOf(env)), Extras::plus);
  }

  Extras get(String id) {
    return byContainer.getOrDefault(id, Extras.NONE);
  }

  void forget(String id) {
    byContainer.remove(id);
  }
}
