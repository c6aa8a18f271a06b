package io.berth.engine.distribution;

import io.berth.registry.Descriptor;
import io.berth.registry.Platform;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * dockerd's filterManifests: the entries of an index the wanted platform runs, best first (by
 * containerd's order: exact variant, lower variants, compatible architectures); entries without a
 * platform match anything and come last.
 */
final class PlatformMatch {
  private PlatformMatch() {}

  static List<Descriptor> filter(List<Descriptor> manifests, Platform wanted) {
    List<Descriptor> matches = new ArrayList<>();
    for (Descriptor d : manifests) {
      if (d.platform() == null || (d.platform().os().equals(wanted.os()) && wanted.rank(d.platform()) >= 0)) {
        matches.add(d);
      }
    }
    matches.sort(Comparator.comparingInt(d -> d.platform() == null ? Integer.MAX_VALUE : wanted.rank(d.platform())));
    return matches;
  }
}
