package io.berth.runtime;

import io.berth.common.GoPath;

/**
 * Where a container's cgroup is (the cgroupfs layout {@code <parent>/<id>}): the one place that resolves a
 * cgroup parent. berth hands the runtimes absolute paths only, because they read relative ones differently
 * (runc below the cgroup above its own, crun below the root); a relative parent is taken below berthd's
 * home ({@link CgroupHome}), which is where runc would put it once berthd and its monitors sit in the leaf.
 *
 * @param home          berthd's home cgroup ("/" on v1 and at the tree's root)
 * @param defaultParent the daemon's cgroup-parent, for containers without their own ({@code /berth})
 */
public record CgroupLayout(String home, String defaultParent) {
  public CgroupLayout {
    home = home == null || home.isEmpty() ? "/" : GoPath.clean("/" + home);
    defaultParent = defaultParent == null || defaultParent.isEmpty() ? io.berth.oci.DockerDefaults.CGROUP_PARENT : defaultParent;
  }

  /** The absolute parent for a container's HostConfig.CgroupParent ("" for the daemon's). */
  public String parent(String cgroupParent) {
    String parent = cgroupParent == null || cgroupParent.isEmpty() ? defaultParent : cgroupParent;
    return parent.startsWith("/") ? GoPath.clean(parent) : GoPath.join(home, parent);
  }

  /** The container's cgroup path, as the runtime is told it ({@code linux.cgroupsPath}). */
  public String containerPath(String cgroupParent, String id) {
    return GoPath.join(parent(cgroupParent), id);
  }
}
