package io.berth.engine.container;

import io.berth.oci.ContainerSpec;
import io.berth.oci.Mount;
import io.berth.oci.NetworkMode;
import io.berth.oci.ResolvedUser;
import io.berth.oci.Resources;
import io.berth.oci.SecurityOptions;
import io.berth.oci.Ulimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A stored container (Config and HostConfig in the API's shapes) as the OCI spec input. */
final class SpecMapper {
  private SpecMapper() {}

  static ContainerSpec spec(Container c, Path rootfs, Path dir, ResolvedUser user, String networkMode) {
    Map<String, Object> cfg = c.config();
    Map<String, Object> hc = c.hostConfig();
    ContainerSpec.Builder b = ContainerSpec.builder(c.id(), rootfs)
        .readonlyRootfs(bool(hc.get("ReadonlyRootfs")))
        .args(ContainerConfigs.command(cfg))
        .env(ContainerConfigs.strings(cfg.get("Env")))
        .workingDir(Lifecycle.str(cfg.get("WorkingDir")))
        .user(user)
        .tty(c.tty())
        .hostname(Lifecycle.str(cfg.get("Hostname")))
        .domainname(Lifecycle.str(cfg.get("Domainname")))
        .privileged(bool(hc.get("Privileged")))
        .capAdd(ContainerConfigs.strings(hc.get("CapAdd")))
        .capDrop(ContainerConfigs.strings(hc.get("CapDrop")))
        .security(SecurityOptions.parse(ContainerConfigs.strings(hc.get("SecurityOpt"))))
        .network(networkMode.equals("host") ? new NetworkMode.Host() : new NetworkMode.Private())
        .pidHost("host".equals(hc.get("PidMode")))
        .ipcHost("host".equals(hc.get("IpcMode")))
        .utsHost("host".equals(hc.get("UTSMode")))
        .cgroupnsPrivate(Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")))
        .init(bool(hc.get("Init")))
        .shmSize(num(hc.get("ShmSize")))
        .ulimits(ulimits(hc.get("Ulimits")))
        .resources(resources(hc))
        .mount(new Mount.Bind(dir.resolve("resolv.conf").toString(), "/etc/resolv.conf", true))
        .mount(new Mount.Bind(dir.resolve("hostname").toString(), "/etc/hostname", true))
        .mount(new Mount.Bind(dir.resolve("hosts").toString(), "/etc/hosts", true));
    if (c.tty() && hc.get("ConsoleSize") instanceof List<?> size && size.size() == 2
        && size.get(0) instanceof Number h && size.get(1) instanceof Number w && h.intValue() > 0) {
      b.consoleSize(new ContainerSpec.ConsoleSize(h.intValue(), w.intValue()));
    }
    if (hc.get("Tmpfs") instanceof Map<?, ?> tmpfs) {
      tmpfs.forEach((dest, options) -> b.mount(new Mount.Tmpfs(String.valueOf(dest), String.valueOf(options))));
    }
    return b.build();
  }

  static Resources resources(Map<String, Object> hc) {
    return new Resources(num(hc.get("Memory")), num(hc.get("MemoryReservation")), num(hc.get("MemorySwap")),
        hc.get("MemorySwappiness") instanceof Number n ? n.longValue() : null, num(hc.get("CpuShares")),
        num(hc.get("NanoCpus")), num(hc.get("CpuPeriod")), num(hc.get("CpuQuota")),
        Lifecycle.str(hc.get("CpusetCpus")), Lifecycle.str(hc.get("CpusetMems")),
        hc.get("PidsLimit") instanceof Number n ? n.longValue() : null, (int) num(hc.get("BlkioWeight")),
        hc.get("OomKillDisable") instanceof Boolean v ? v : null);
  }

  static List<Ulimit> ulimits(Object raw) {
    List<Ulimit> out = new ArrayList<>();
    if (raw instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m) {
          out.add(new Ulimit(String.valueOf(m.get("Name")), num(m.get("Soft")), num(m.get("Hard"))));
        }
      }
    }
    return out;
  }

  private static boolean bool(Object o) {
    return Boolean.TRUE.equals(o);
  }

  private static long num(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }
}
