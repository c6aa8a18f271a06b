package io.berth.engine.container;

import io.berth.network.NetworkDriver;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.MonitorState;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * After a berthd start: containers that kept running under their monitors are picked up again, those that
 * exited meanwhile are settled, those whose monitor is lost are recorded as killed; what the runtimes and the
 * network still hold for containers berth does not know (a crash between a runtime's create and the
 * container's record) is removed. The volumes of the containers still running stay mounted for them.
 */
final class LiveRestore {
  private static final System.Logger LOG = System.getLogger(LiveRestore.class.getName());
  private final LifecycleContext ctx;
  private final ExitHandler exits;

  LiveRestore(LifecycleContext ctx, ExitHandler exits) {
    this.ctx = ctx;
    this.exits = exits;
  }

  /** The IDs of the containers still running under their monitors. */
  Set<String> restore() throws IOException {
    Set<String> live = new HashSet<>();
    for (Container c : ctx.store().all()) {
      if (!c.state().running()) {
        continue;
      }
      ContainerRuntime runtime;
      MonitorState state;
      try {
        runtime = ctx.runtime(c);
        state = runtime.monitor(c.id());
      } catch (RuntimeException e) { // its runtime is not configured any more
        LOG.log(System.Logger.Level.WARNING, "container " + c.shortId() + ": " + e.getMessage());
        exits.exited(c.id(), 137, false);
        continue;
      }
      switch (state) {
        case MonitorState.Monitored m -> {
          live.add(c.id());
          if (!c.state().paused()) {
            thawAfterCrash(c);
          }
        }
        case MonitorState.Exited e -> exits.exited(c.id(), e.exitCode(), e.oomKilled());
        case MonitorState.Lost lost -> {
          LOG.log(System.Logger.Level.WARNING, "container " + c.shortId() + ": " + lost.reason());
          exits.exited(c.id(), 137, false);
        }
      }
    }
    sweepRuntimes(live);
    NetworkDriver network = ctx.network().get();
    if (network != null) {
      network.sweep(live);
      for (String id : live) {
        ctx.store().get(id).ifPresent(c -> {
          try {
            ctx.networks().restoreDns(c, ctx.service().dnsDefaults());
          } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "container " + c.shortId() + ": DNS: " + e.getMessage());
          }
        });
      }
    }
    live.forEach(id -> ctx.health().resumed(id)); // the probes go on where they were
    java.util.Map<String, Set<String>> volumeUsers = new java.util.HashMap<>();
    for (Container c : ctx.store().all()) {
      if (!live.contains(c.id()) && !c.state().running()) {
        ctx.driver().unmount(c.rwLayer()); // a start a crash interrupted may have left it mounted
      } else if (live.contains(c.id())) {
        c.mountPoints().stream().filter(io.berth.engine.mount.MountPoint::isVolume)
            .forEach(m -> volumeUsers.computeIfAbsent(c.id(), k -> new HashSet<>()).add(m.name()));
      }
    }
    ctx.service().volumes().restore(volumeUsers); // their volumes stay mounted; others' mounts are undone
    return live;
  }

  /**
   * Deletes whatever the runtimes hold (monitor, runtime state, cgroup, bundle) for containers that are not
   * running: unknown ones (a crash between create and the record), and known ones whose start never finished.
   */
  private void sweepRuntimes(Set<String> live) throws IOException {
    for (String id : ctx.runtimes().held()) {
      if (live.contains(id)) {
        continue;
      }
      Container known = ctx.store().get(id).orElse(null);
      if (known != null && known.state().running()) {
        continue;
      }
      for (String name : ctx.runtimes().names()) {
        try {
          ctx.runtimes().get(name).delete(id);
        } catch (IOException | RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "removing what " + name + " holds of " + id + ": " + e.getMessage());
        }
      }
      LOG.log(System.Logger.Level.INFO, "removed the runtime leftovers of container " + id);
    }
  }

  /** A previous berthd killed in the middle of a cp left the container frozen (ArchiveService). */
  private void thawAfterCrash(Container c) {
    String cgroup = ctx.cgroups().path(c);
    try {
      if (CgroupFreezer.frozen(cgroup)) {
        CgroupFreezer.thaw(cgroup);
        LOG.log(System.Logger.Level.INFO, "container " + c.shortId() + " thawed: frozen by an interrupted cp");
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "container " + c.shortId() + ": reading its freezer: " + e.getMessage());
    }
  }
}
