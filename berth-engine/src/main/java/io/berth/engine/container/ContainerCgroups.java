package io.berth.engine.container;

import io.berth.engine.container.config.HostConfig;
import io.berth.runtime.CgroupLayout;

/**
 * Containers' cgroups on this host: whether they are v2 (containers then get a cgroup namespace by default)
 * and where each container's cgroup is ({@link CgroupLayout}), for the spec, stats, top and the freezer alike.
 */
public record ContainerCgroups(boolean v2, CgroupLayout layout) {
  /** For the parts of a spec that do not depend on cgroups (an exec's process). */
  static final ContainerCgroups PROCESS_ONLY = new ContainerCgroups(false, new CgroupLayout("/", ""));

  /** The container's cgroup path ({@code /berth/ID} by default). */
  public String path(Container c) {
    return layout.containerPath(c.hostConfig().resources().cgroupParent(), c.id());
  }

  /** The absolute cgroup parent of a container with this HostConfig. */
  String parent(HostConfig hc) {
    return layout.parent(hc.resources().cgroupParent());
  }
}
