package io.berth.engine.volume;

import io.berth.common.BerthException;
import io.berth.common.Filters;
import io.berth.engine.events.EventBus;
import io.berth.engine.storage.DirectorySize;
import io.berth.engine.storage.Mounts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Volumes of the local driver: create, inspect, list, remove, prune, sizes; references by containers (from their
 * records, see {@link VolumeUsers}, plus the ones of creates in flight); and the mounts of volumes with driver
 * options, made at the first user and undone after the last. Errors and events are dockerd's.
 */
public final class VolumeService {
  private static final System.Logger LOG = System.getLogger(VolumeService.class.getName());
  private final VolumeStore store;
  private final EventBus events;
  private final ReentrantLock lock = new ReentrantLock();
  /** References of containers being created, before their record exists (guarded by lock). */
  private final Map<String, Set<String>> pending = new HashMap<>();
  /** Users of each volume's mount (running containers, copies), for volumes with options (guarded by lock). */
  private final Map<String, Set<String>> active = new HashMap<>();
  private final Set<String> mounted = new HashSet<>();
  private Supplier<VolumeUsers> users = () -> VolumeUsers.NONE;

  public VolumeService(Path dataRoot, EventBus events) throws IOException {
    this.store = new VolumeStore(dataRoot.resolve("volumes"));
    this.events = events;
  }

  public void setUsers(Supplier<VolumeUsers> users) {
    this.users = users;
  }

  /** {@code POST /volumes/create}: a new volume, or the one of that name that exists. */
  public Volume create(String name, String driver, Map<String, String> options, Map<String, String> labels)
      throws IOException {
    return create(name, driver, options, labels, null);
  }

  /**
   * A volume for a container being created ({@code ref}, its ID): an empty name makes an anonymous one. The
   * container references it from now on; {@link #settle} once its record is stored (or it failed).
   */
  public Volume create(String name, String driver, Map<String, String> options, Map<String, String> labels,
      String ref) throws IOException {
    Map<String, String> allLabels = labels;
    if (name == null || name.isEmpty()) {
      name = VolumeNames.random();
      allLabels = labels == null ? new HashMap<>() : new HashMap<>(labels);
      allLabels.put(Volume.ANONYMOUS_LABEL, "");
    }
    String n = name;
    lock.lock();
    try {
      try {
        checkDriver(driver);
        Volume v = store.get(n).orElse(null);
        if (v == null) {
          VolumeNames.validate(n);
          LocalOptions.validate(options);
          v = store.create(n, allLabels, options);
          events.publish("volume", "create", n, Map.of("driver", v.driver()));
        }
        if (ref != null) {
          pending.computeIfAbsent(n, k -> new TreeSet<>()).add(ref);
        }
        return v;
      } catch (BerthException e) {
        throw rewrap(e, "create " + n);
      }
    } finally {
      lock.unlock();
    }
  }

  private static void checkDriver(String driver) {
    if (driver != null && !driver.isEmpty() && !driver.equals(Volume.LOCAL)) {
      throw new BerthException.NotFound("error looking up volume plugin " + driver + ": plugin \"" + driver
          + "\" not found");
    }
  }

  /** The create of container {@code ref} is over: its record (if any) holds its references now. */
  public void settle(String ref) {
    lock.lock();
    try {
      pending.values().forEach(refs -> refs.remove(ref));
      pending.values().removeIf(Set::isEmpty);
    } finally {
      lock.unlock();
    }
  }

  /** {@code GET /volumes/{name}}. */
  public Volume get(String name) {
    return store.get(name).orElseThrow(() -> new BerthException.NotFound("get " + name + ": no such volume"));
  }

  /** {@code GET /volumes}: sorted by name. */
  public List<Volume> list(Filters filters) {
    Map<String, Set<String>> refs = references();
    Predicate<Volume> selected = VolumeFilters.of(filters, VolumeFilters.LIST, v -> refs.containsKey(v.name()));
    return store.all().stream().filter(selected).sorted(Comparator.comparing(Volume::name)).toList();
  }

  /** Every volume's references: the container records' and those of creates in flight. */
  private Map<String, Set<String>> references() {
    Map<String, Set<String>> refs = new HashMap<>();
    lock.lock();
    try {
      // pending first: a reference leaves pending only after its container's record exists
      pending.forEach((name, ids) -> refs.computeIfAbsent(name, k -> new TreeSet<>()).addAll(ids));
    } finally {
      lock.unlock();
    }
    users.get().references().forEach((name, ids) -> refs.computeIfAbsent(name, k -> new TreeSet<>()).addAll(ids));
    return refs;
  }

  /** {@code DELETE /volumes/{name}}: a volume in use is a conflict; with force, a missing one is fine. */
  public void remove(String name, boolean force) throws IOException {
    lock.lock();
    try {
      Volume v = store.get(name).orElse(null);
      if (v == null) {
        if (force) {
          return;
        }
        throw new BerthException.NotFound("get " + name + ": no such volume");
      }
      Set<String> refs = references().getOrDefault(name, Set.of());
      if (!refs.isEmpty()) {
        throw new BerthException.Conflict("remove " + name + ": volume is in use - [" + String.join(", ", refs) + "]");
      }
      destroy(v);
    } finally {
      lock.unlock();
    }
  }

  /** Under the lock: removes an unreferenced volume. */
  private void destroy(Volume v) throws IOException {
    if (mounted.remove(v.name())) {
      LocalOptions.unmount(v.mountpoint());
    }
    active.remove(v.name());
    store.remove(v);
    events.publish("volume", "destroy", v.name(), Map.of("driver", v.driver()));
  }

  /** Removes a container's anonymous volume at {@code rm -v}, unless another container still uses it. */
  public void removeIfUnused(String name) throws IOException {
    lock.lock();
    try {
      Volume v = store.get(name).orElse(null);
      if (v != null && !references().containsKey(name)) {
        destroy(v);
      }
    } finally {
      lock.unlock();
    }
  }

  /** What {@code volume prune} removed. */
  public record PruneReport(List<String> deleted, long spaceReclaimed) {}

  /**
   * {@code POST /volumes/prune}: unreferenced local volumes without mount options, anonymous ones only unless
   * the {@code all} filter says so.
   */
  public PruneReport prune(Filters filters) throws IOException {
    lock.lock();
    try {
      Map<String, Set<String>> refs = references();
      Predicate<Volume> selected = VolumeFilters.of(filters, VolumeFilters.PRUNE, v -> false);
      boolean all = VolumeFilters.pruneAll(filters);
      List<String> deleted = new ArrayList<>();
      long reclaimed = 0;
      for (Volume v : store.all().stream().sorted(Comparator.comparing(Volume::name)).toList()) {
        if (refs.containsKey(v.name()) || v.mountsSomething() || (!all && !v.anonymous()) || !selected.test(v)) {
          continue;
        }
        long size = DirectorySize.of(v.mountpoint());
        try {
          destroy(v);
        } catch (IOException e) {
          LOG.log(System.Logger.Level.WARNING, "could not remove volume " + v.name() + ": " + e.getMessage());
          continue;
        }
        deleted.add(v.name());
        reclaimed += size;
      }
      events.publish("volume", "prune", "", Map.of("reclaimed", Long.toString(reclaimed)));
      return new PruneReport(deleted, reclaimed);
    } finally {
      lock.unlock();
    }
  }

  /** A volume with its size and the number of containers that reference it ({@code system df}). */
  public record Usage(Volume volume, long size, int refCount) {}

  /**
   * {@code system df}: local volumes without mount options, their sizes and references; a build's cache
   * mounts are counted with the build cache instead (each byte once).
   */
  public List<Usage> usage() {
    Map<String, Set<String>> refs = references();
    List<Usage> out = new ArrayList<>();
    for (Volume v : store.all().stream().sorted(Comparator.comparing(Volume::name)).toList()) {
      if (!v.mountsSomething() && !v.buildCache()) {
        out.add(new Usage(v, DirectorySize.of(v.mountpoint()), refs.getOrDefault(v.name(), Set.of()).size()));
      }
    }
    return out;
  }

  /** The number of containers that reference a volume (inspect's UsageData is not filled, as in dockerd). */
  public int refCount(String name) {
    return references().getOrDefault(name, Set.of()).size();
  }

  /**
   * A user ({@code ref}: a container that starts, a copy) needs the volume's data: a volume with mount options is
   * mounted at its first user. Returns where the data is.
   */
  public Path mount(String name, String ref) throws IOException {
    lock.lock();
    try {
      Volume v = get(name);
      if (v.mountsSomething()) {
        if (!mounted.contains(name)) {
          LocalOptions.mount(v.optionMap(), v.mountpoint());
          mounted.add(name);
        }
        active.computeIfAbsent(name, k -> new HashSet<>()).add(ref);
      }
      return v.mountpoint();
    } finally {
      lock.unlock();
    }
  }

  /** The user is done; the last one's going unmounts a volume with mount options. */
  public void unmount(String name, String ref) throws IOException {
    lock.lock();
    try {
      Set<String> users = active.get(name);
      if (users == null || !users.remove(ref) || !users.isEmpty()) {
        return;
      }
      active.remove(name);
      if (mounted.remove(name)) {
        Volume v = store.get(name).orElse(null);
        if (v != null) {
          LocalOptions.unmount(v.mountpoint());
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * After a berthd start: the users that kept running (container ID to the volumes they mount) hold their
   * volumes' mounts again; a volume's mount nobody uses any more (its users exited while berthd was down) is
   * undone.
   */
  public void restore(Map<String, Set<String>> liveUsers) {
    lock.lock();
    try {
      liveUsers.forEach((ref, names) -> names.forEach(n -> active.computeIfAbsent(n, k -> new HashSet<>()).add(ref)));
      for (Volume v : store.all()) {
        if (!v.mountsSomething()) {
          continue;
        }
        try {
          boolean isMounted = Mounts.isMountPoint(v.mountpoint());
          if (isMounted && active.containsKey(v.name())) {
            mounted.add(v.name());
          } else if (isMounted) {
            LocalOptions.unmount(v.mountpoint());
          }
        } catch (IOException e) {
          LOG.log(System.Logger.Level.WARNING, "volume " + v.name() + ": restoring its mount: " + e.getMessage());
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** dockerd's OpErr: "OP NAME: cause", keeping the cause's kind. */
  private static BerthException rewrap(BerthException e, String prefix) {
    String message = prefix + ": " + e.getMessage();
    return switch (e) {
      case BerthException.NotFound x -> new BerthException.NotFound(message);
      case BerthException.Conflict x -> new BerthException.Conflict(message);
      case BerthException.InvalidParameter x -> new BerthException.InvalidParameter(message, e);
      default -> e;
    };
  }
}
