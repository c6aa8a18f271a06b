package io.berth.engine.container;

import io.berth.engine.container.config.ContainerConfig;
import io.berth.engine.container.config.HostConfig;
import io.berth.engine.container.config.Resources;
import io.berth.oci.ContainerSpec;
import io.berth.oci.Mount;
import io.berth.oci.NetworkMode;
import io.berth.oci.ResolvedUser;
import io.berth.oci.SecurityOptions;
import io.berth.oci.Ulimit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A stored container's typed Config and HostConfig as the input of the OCI spec. */
final class SpecMapper {
  private SpecMapper() {}

  /** The spec of a container's process, without its volumes, binds and cgroups (exec). */
  static ContainerSpec spec(Container c, Path rootfs, Path dir, ResolvedUser user, NetworkMode network,
      List<String> linkEnv) {
    return spec(c, rootfs, dir, user, network, linkEnv, ContainerCgroups.PROCESS_ONLY, VolumeMounts.Setup.none(),
        RunExtras.Extras.NONE);
  }

  /**
   * The spec of a container: its volumes and binds, and the mounts a build's RUN step adds.
   *
   * @param dir where the container's hosts, hostname and resolv.conf are (another container's with
   *     {@code --network container:})
   * @param linkEnv the variables of its legacy links, which its own Config.Env overrides
   */
  static ContainerSpec spec(Container c, Path rootfs, Path dir, ResolvedUser user, NetworkMode network,
      List<String> linkEnv, ContainerCgroups cgroups, VolumeMounts.Setup volumes, RunExtras.Extras extras) {
    ContainerConfig cfg = c.config();
    HostConfig hc = c.hostConfig();
    ContainerSpec.Builder b = ContainerSpec.builder(c.id(), rootfs)
        .readonlyRootfs(hc.readonlyRootfs())
        .args(cfg.command())
        .env(overridden(linkEnv.isEmpty() ? cfg.envList() : concat(linkEnv, cfg.envList()), extras.env()))
        .workingDir(cfg.workingDir())
        .user(user)
        .tty(cfg.tty())
        .hostname(cfg.hostname())
        .domainname(cfg.domainname())
        .privileged(hc.privileged())
        .capAdd(orEmpty(hc.capAdd()))
        .capDrop(orEmpty(hc.capDrop()))
        .security(SecurityOptions.parse(orEmpty(hc.securityOpt())))
        .network(network)
        .pidHost(hc.pidMode().equals("host"))
        .ipcHost(hc.ipcMode().equals("host"))
        .utsHost(hc.utsMode().equals("host"))
        .cgroupnsPrivate(hc.cgroupnsMode().isEmpty() ? cgroups.v2() : hc.cgroupnsMode().equals("private"))
        .init(Boolean.TRUE.equals(hc.init()))
        .shmSize(hc.shmSize())
        .ulimits(ulimits(hc.resources()))
        .resources(resources(hc.resources()))
        .cgroupParent(cgroups.parent(hc))
        .sysctls(hc.sysctls() == null ? Map.of() : hc.sysctls())
        .annotations(hc.annotations() == null ? Map.of() : hc.annotations())
        .oomScoreAdj(hc.oomScoreAdj())
        .maskedPaths(hc.maskedPaths())
        .readonlyPaths(hc.readonlyPaths())
        .mount(networkFile(volumes, dir, "resolv.conf"))
        .mount(networkFile(volumes, dir, "hostname"))
        .mount(networkFile(volumes, dir, "hosts"));
    volumes.mounts().forEach(b::mount);
    List<Integer> size = hc.consoleSize();
    if (cfg.tty() && size != null && size.size() == 2 && size.get(0) != null && size.get(1) != null
        && size.get(0) > 0) {
      b.consoleSize(new ContainerSpec.ConsoleSize(size.get(0), size.get(1)));
    }
    if (hc.tmpfs() != null) {
      hc.tmpfs().forEach((dest, options) -> b.mount(new Mount.Tmpfs(dest, options)));
    }
    extras.mounts().forEach(b::mount);
    return b.build();
  }

  /** {@code env} with {@code over}'s variables in place of its own of the same names (a first one wins in libc). */
  static List<String> overridden(List<String> env, List<String> over) {
    if (over.isEmpty()) {
      return env;
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    over.forEach(v -> names.add(v.substring(0, Math.max(v.indexOf('='), 0))));
    List<String> out = new java.util.ArrayList<>();
    for (String v : env) {
      if (!names.contains(v.indexOf('=') < 0 ? v : v.substring(0, v.indexOf('=')))) {
        out.add(v);
      }
    }
    out.addAll(over);
    return out;
  }

  /** berth's file in the container's directory, unless the user mounts something there. */
  private static Mount networkFile(VolumeMounts.Setup volumes, Path dir, String name) {
    Mount user = volumes.networkFiles().get("/etc/" + name);
    return user != null ? user : new Mount.Bind(dir.resolve(name).toString(), "/etc/" + name, true);
  }

  static io.berth.oci.Resources resources(Resources r) {
    return new io.berth.oci.Resources(r.memory(), r.memoryReservation(), r.memorySwap(), r.memorySwappiness(),
        r.cpuShares(), r.nanoCpus(), r.cpuPeriod(), r.cpuQuota(), r.cpusetCpus(), r.cpusetMems(), r.pidsLimit(),
        r.blkioWeight(), r.oomKillDisable());
  }

  static List<Ulimit> ulimits(Resources r) {
    return orEmpty(r.ulimits()).stream().map(u -> new Ulimit(u.name(), u.soft(), u.hard())).toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static <T> List<T> orEmpty(List<T> l) {
    return l == null ? List.of() : l;
  }
}
