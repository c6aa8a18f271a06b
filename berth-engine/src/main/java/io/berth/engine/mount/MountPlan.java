package io.berth.engine.mount;

import io.berth.common.BerthException;
import io.berth.common.GoPath;
import io.berth.engine.container.config.HostConfig;
import io.berth.engine.container.config.MountSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A create request's mounts, parsed and checked before anything exists, in dockerd's order
 * (registerMountPoints): the mounts of {@code --volumes-from} containers, then Binds, then Mounts, a later one
 * taking the place of an earlier one at the same destination, except that two of Binds and Mounts (or one and a
 * {@code --tmpfs}) at one destination are refused. Volumes are named but not made yet.
 */
public record MountPlan(List<MountPoint> mounts) {

  /**
   * @param dataRoot     the daemon's data root: a bind of it (or of a path in it) gets rslave propagation
   * @param mountsOf     the mount points of another container, by name or ID ({@code --volumes-from})
   */
  public static MountPlan of(HostConfig hc, Path dataRoot, Function<String, List<MountPoint>> mountsOf) {
    Map<String, MountPoint> byDestination = new LinkedHashMap<>();
    for (String spec : orEmpty(hc.volumesFrom())) {
      MountParser.VolumesFrom from = MountParser.parseVolumesFrom(spec);
      for (MountPoint m : mountsOf.apply(from.container())) {
        byDestination.put(m.destination(), m.borrowed(from.writable()));
      }
    }
    Set<String> claimed = new HashSet<>();
    Set<String> tmpfs = hc.tmpfs() == null ? Set.of() : normalized(hc.tmpfs().keySet());
    if (hc.tmpfs() != null) {
      hc.tmpfs().keySet().forEach(MountParser::validateTmpfsDestination);
    }
    for (String bind : orEmpty(hc.binds())) {
      MountPoint mp = daemonRoot(MountParser.parseRaw(bind, hc.volumeDriver()), dataRoot);
      if (!claimed.add(mp.destination()) || tmpfs.contains(mp.destination())) {
        throw duplicate(mp.destination());
      }
      byDestination.put(mp.destination(), mp);
    }
    for (MountSpec spec : orEmpty(hc.mounts())) {
      MountPoint mp = daemonRoot(MountParser.parseSpec(spec), dataRoot);
      if (claimed.contains(mp.destination())) {
        throw duplicate(spec.target());
      }
      if (mp.type().equals(MountPoint.BIND)) {
        MountSpec.BindOptions bo = spec.bindOptions();
        mp = mp.withSkipMountpointCreation(bo == null || !bo.createMountpoint());
      }
      claimed.add(mp.destination());
      byDestination.put(mp.destination(), mp);
    }
    return new MountPlan(List.copyOf(byDestination.values()));
  }

  /** dockerd's validateBindDaemonRoot: a bind in or of the data root must propagate unmounts into containers. */
  private static MountPoint daemonRoot(MountPoint mp, Path dataRoot) {
    if (!mp.type().equals(MountPoint.BIND)) {
      return mp;
    }
    String root = dataRoot.toString();
    String source = mp.spec().source();
    if (!source.startsWith(root) && !root.startsWith(source)) {
      return mp;
    }
    MountSpec.BindOptions bo = mp.spec().bindOptions();
    String requested = bo == null || bo.propagation() == null ? "" : bo.propagation();
    return switch (requested) {
      case "" -> mp.withPropagation("rslave");
      case "rslave", "rshared" -> mp;
      default -> throw new BerthException.InvalidParameter("invalid mount config: must use either propagation mode "
          + "\"rslave\" or \"rshared\" when mount source is within the daemon root, daemon root: \"" + root
          + "\", bind mount source: \"" + source + "\", propagation: \"" + requested + "\"");
    };
  }

  private static BerthException duplicate(String destination) {
    return new BerthException.InvalidParameter("Duplicate mount point: " + destination);
  }

  private static Set<String> normalized(Set<String> paths) {
    Set<String> out = new HashSet<>();
    paths.forEach(p -> out.add(GoPath.clean(p)));
    return out;
  }

  private static <T> List<T> orEmpty(List<T> l) {
    return l == null ? List.of() : new ArrayList<>(l);
  }
}
