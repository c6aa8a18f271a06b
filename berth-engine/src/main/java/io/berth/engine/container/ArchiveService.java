package io.berth.engine.container;

import io.berth.archive.ChrootView;
import io.berth.archive.CopyOptions;
import io.berth.archive.LayerApplier;
import io.berth.archive.LayerWriter;
import io.berth.common.BerthException;
import io.berth.engine.storage.GraphDriver;
import io.berth.oci.ResolvedUser;
import io.berth.oci.UserResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code docker cp} on the daemon's side: stat, archive and extract paths of a container's root
 * filesystem, running or stopped ({@code HEAD/GET/PUT /containers/{id}/archive}). Every path is
 * resolved inside the container's root as the container sees it ({@link ContainerPath}), and
 * extraction is confined the same way ({@link LayerApplier#extract}), so symlinks in a container can
 * never make a copy read or write a host file.
 * <p>
 * A stopped container's root is mounted for the operation and unmounted after it, unless it has
 * been started meanwhile or another copy still uses it (uses are counted per container). A running
 * container is frozen while its files are worked on ({@link CgroupFreezer}): resolving a path and then
 * using it is safe only if no process of the container can replace a directory on that path by a
 * symlink in between. The container's network files are bound onto the root meanwhile, as the
 * container sees them ({@link NetworkFileBinds}).
 */
public final class ArchiveService {
  private final ContainerService containers;
  private final GraphDriver driver;
  private final ContainerCgroups cgroups;
  private final Map<String, Integer> uses = new HashMap<>();
  private final java.util.Set<String> frozen = new java.util.HashSet<>(); // by this service, guarded by uses
  private final Map<String, java.util.List<Path>> binds = new HashMap<>(); // guarded by uses

  public ArchiveService(ContainerService containers, GraphDriver driver, ContainerCgroups cgroups) {
    this.containers = containers;
    this.driver = driver;
    this.cgroups = cgroups;
  }

  /** {@code HEAD /containers/{id}/archive}: the stat of {@code path} (no event, as dockerd). */
  public PathStat stat(String idOrName, String path) throws IOException {
    requirePath(path);
    Container c = containers.find(idOrName);
    return withRoot(c, root -> statOrNotFound(root, path, idOrName));
  }

  /**
   * {@code GET /containers/{id}/archive}: the stat of {@code path}, then (when {@code out} is
   * given a stream) a tar of it named by its base name. Emits {@code archive-path}.
   */
  public PathStat archive(String idOrName, String path, OutputStream out) throws IOException {
    requirePath(path);
    Container c = containers.find(idOrName);
    return withRoot(c, root -> {
      PathStat stat = statOrNotFound(root, path, idOrName);
      containers.event(c, "archive-path");
      ContainerPath p = ContainerPath.resolve(root, path);
      LayerWriter.writeCopy(p.resolved(), p.baseName(), UnaryOperator.identity(), out);
      return stat;
    });
  }

  /**
   * {@code PUT /containers/{id}/archive}: extracts {@code tar} into the directory {@code path}
   * (symlinks followed, the last one too). With {@code copyUidGid} and a container User, every
   * entry is owned by that user (resolved in the container's /etc/passwd and /etc/group).
   * Emits {@code extract-to-dir}.
   */
  public void extract(String idOrName, String path, boolean noOverwriteDirNonDir, boolean copyUidGid,
      InputStream tar) throws IOException {
    requirePath(path);
    Container c = containers.find(idOrName);
    withRoot(c, root -> {
      Path resolved = io.berth.archive.SecurePath.join(root, path); // absolute in the container
      Map<String, Object> st;
      try {
        st = ContainerPath.lstat(resolved);
      } catch (IOException e) {
        st = null;
      }
      if (st == null) {
        throw notFound(path, idOrName);
      }
      if (((int) st.get("mode") & io.berth.sys.Linux.S_IFMT) != io.berth.sys.Linux.S_IFDIR) {
        throw new BerthException.InvalidParameter("extraction point is not a directory");
      }
      CopyMounts.checkWritable(c, "/" + root.relativize(resolved));
      CopyOptions.Ownership owner = CopyOptions.Ownership.ARCHIVE;
      String user = c.config().user();
      if (copyUidGid && !user.isEmpty()) {
        ResolvedUser u = UserResolver.resolve(root, user);
        owner = new CopyOptions.Ownership.Fixed((int) u.uid(), (int) u.gid());
      }
      try {
        // its errors name container paths, as dockerd's untar chrooted into the root
        LayerApplier.extract(tar, root, "/" + root.relativize(resolved), CopyOptions.daemon(noOverwriteDirNonDir, owner));
      } catch (BerthException e) {
        throw e;
      } catch (IOException e) {
        throw new IOException("Error processing tar file(exit status 1): " + e.getMessage(), e);
      }
      containers.event(c, "extract-to-dir");
      return null;
    });
  }

  private static PathStat statOrNotFound(Path root, String path, String idOrName) throws IOException {
    try {
      return ContainerPath.resolve(root, path).stat();
    } catch (NoSuchFileException e) {
      throw notFound(path, idOrName);
    }
  }

  private static BerthException notFound(String path, String idOrName) {
    return new BerthException.NotFound("Could not find the file " + path + " in container " + idOrName);
  }

  private static void requirePath(String path) {
    if (path == null || path.isEmpty()) {
      throw new BerthException.InvalidParameter("bad parameter: path cannot be empty");
    }
  }

  private interface RootAction<T> {
    T run(Path root) throws IOException;
  }

  private <T> T withRoot(Container c, RootAction<T> action) throws IOException {
    Path root;
    synchronized (uses) {
      root = driver.mount(c.rwLayer());
      if (uses.merge(c.id(), 1, Integer::sum) == 1) {
        try {
          if (runsUnpaused(c.id())) {
            CgroupFreezer.freeze(cgroups.path(c));
            frozen.add(c.id());
          }
          java.util.List<Path> mounted = new java.util.ArrayList<>(CopyMounts.mount(root, c, containers.volumes()));
          binds.put(c.id(), mounted); // the volumes first: the network files may sit in one
          mounted.addAll(NetworkFileBinds.mount(root, containers.containerDir(c.id())));
        } catch (IOException e) {
          release(c);
          throw e;
        }
      }
    }
    try {
      return action.run(root);
    } catch (IOException e) {
      throw new ChrootView(root).errors(e); // container paths, as dockerd's chrooted untar names them
    } finally {
      synchronized (uses) {
        release(c);
      }
    }
  }

  /** Under the lock: one use fewer; the last one thaws what it froze and unmounts a stopped root. */
  private void release(Container c) throws IOException {
    int left = uses.merge(c.id(), -1, Integer::sum);
    if (left > 0) {
      return;
    }
    uses.remove(c.id());
    java.util.List<Path> bound = binds.remove(c.id());
    if (bound != null) {
      NetworkFileBinds.unmount(bound);
      CopyMounts.release(c, containers.volumes());
    }
    if (frozen.remove(c.id()) && runsUnpaused(c.id())) { // a docker pause meanwhile keeps it frozen
      CgroupFreezer.thaw(cgroups.path(c));
    }
    if (!containers.store().get(c.id()).map(x -> x.state().running()).orElse(false)) {
      driver.unmount(c.rwLayer());
    }
  }

  /** After a berthd start: unbinds what a berthd killed during a copy left bound (see withRoot). */
  public void restore() {
    for (Container c : containers.store().all()) {
      try {
        NetworkFileBinds.removeLeftovers(driver.mountPoint(c.rwLayer()));
      } catch (IOException e) {
        System.getLogger(ArchiveService.class.getName()).log(System.Logger.Level.WARNING,
            "container " + c.shortId() + ": unbinding what an interrupted cp left: " + e.getMessage());
      }
    }
  }

  private boolean runsUnpaused(String id) {
    return containers.store().get(id).map(x -> x.state().running() && !x.state().paused()).orElse(false);
  }
}
