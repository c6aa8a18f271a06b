package io.berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * berthd's own place in a cgroup v2 tree. Started inside a cgroup of its own (a service manager's
 * {@code system.slice/berth.service}, a delegated subtree, a container's cgroup namespace), berthd moves
 * itself into the leaf {@code berthd} below it and enables every controller of that cgroup for its
 * children: v2 lets a cgroup hand controllers to children only while no process sits in it (the "no
 * internal processes" rule). That cgroup is then berthd's home: relative cgroup parents go below it
 * ({@link CgroupLayout}), as runc resolves them against the cgroup above its own. berthd's monitors and
 * exec launchers start in the leaf after it. As dockerd's dind entrypoint and Podman do at the root of a
 * cgroup namespace, the other processes of that cgroup are moved into the leaf too; elsewhere they are
 * left alone (a login session's shell is not berthd's to move), and controllers cannot be enabled then.
 * On v1, and at the true root of the tree, nothing moves: the home is "/".
 */
public final class CgroupHome {
  /** The leaf berthd moves itself into. */
  public static final String LEAF = "berthd";
  private static final System.Logger LOG = System.getLogger(CgroupHome.class.getName());

  private CgroupHome() {}

  /** Moves berthd to its leaf and enables controllers for its home's children; returns the home. */
  public static String settle() {
    if (!Cgroups.unified()) {
      return "/";
    }
    String own = Cgroups.ownPath();
    boolean namespaceRoot = own.equals("/");
    if (namespaceRoot && !Files.exists(Cgroups.ROOT.resolve("cgroup.type"))) {
      return "/"; // the tree's real root: exempt from the rule, and no leaf to move into
    }
    String home = own.endsWith("/" + LEAF) ? io.berth.common.GoPath.dir(own) : own; // started in the leaf
    Path dir = Cgroups.dir(home);
    Path leaf = dir.resolve(LEAF);
    try {
      Files.createDirectories(leaf);
      Files.writeString(leaf.resolve("cgroup.procs"), Long.toString(ProcessHandle.current().pid()));
      List<String> refused = enableControllers(dir);
      if (!refused.isEmpty() && namespaceRoot) {
        moveOthers(dir, leaf);
        refused = enableControllers(dir);
      }
      if (!refused.isEmpty()) {
        LOG.log(System.Logger.Level.WARNING, "cannot enable the cgroup controllers " + refused + " in " + home
            + " (other processes are in it): containers with a relative cgroup parent get no limits there");
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot move berthd into the cgroup " + leaf + ": " + e.getMessage());
    }
    return home;
  }

  /** Moves the processes left in dir into the leaf (one that exited meanwhile is skipped). */
  private static void moveOthers(Path dir, Path leaf) throws IOException {
    for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"))) {
      try {
        Files.writeString(leaf.resolve("cgroup.procs"), pid.strip());
      } catch (IOException ignored) {
        // gone, or a kernel thread: nothing to move
      }
    }
  }

  /** Enables every controller of the cgroup for its children; returns the ones the kernel refused. */
  private static List<String> enableControllers(Path dir) throws IOException {
    String enabled = " " + Files.readString(dir.resolve("cgroup.subtree_control")).strip() + " ";
    List<String> refused = new ArrayList<>();
    for (String controller : Files.readString(dir.resolve("cgroup.controllers")).strip().split("\\s+")) {
      if (controller.isEmpty() || enabled.contains(" " + controller + " ")) {
        continue;
      }
      try {
        Files.writeString(dir.resolve("cgroup.subtree_control"), "+" + controller);
      } catch (IOException e) {
        refused.add(controller);
      }
    }
    return refused;
  }
}
