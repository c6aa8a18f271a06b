package io.berth.oci;

import io.berth.common.BerthException;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a container's OCI runtime spec (config.json) the way moby's daemon/oci_linux.go createSpec does:
 * DefaultLinuxSpec, then common options, cgroups, resources, sysctls, devices, rlimits, namespaces,
 * capabilities, seccomp and mounts. The result is an ordered map in the key order of runtime-spec's Go types,
 * ready for {@code io.berth.common.Json}; runc 1.1 and crun 1.8 accept it.
 * <p>
 * Not done (as Docker does but berth does not need): AppArmor and SELinux labels, libnetwork's prestart hook,
 * user namespace remapping, {@code --device} mappings and device cgroup rules.
 */
public final class OciSpecBuilder {
  /** The runtime-spec version written into config.json. */
  public static final String OCI_VERSION = "1.0.2";

  /**
   * Daemon-wide settings.
   *
   * @param cgroupParent the cgroupfs parent of every container without its own CgroupParent
   * @param initBinary   the binary {@code --init} bind-mounts at /sbin/docker-init (dockerd's init-path); null
   *                     when none is installed
   */
  public record Settings(String cgroupParent, Path initBinary) {
    public Settings {
      Objects.requireNonNull(cgroupParent, "cgroupParent");
    }

    /** /berth, and the first of docker-init, tini, catatonit found on PATH. */
    public static Settings defaults() {
      return new Settings(DockerDefaults.CGROUP_PARENT, findInit());
    }

    private static Path findInit() {
      String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
      for (String name : List.of("docker-init", "tini", "catatonit")) {
        for (String dir : path.split(":")) {
          Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
          if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
            return candidate.toAbsolutePath();
          }
        }
      }
      return null;
    }
  }

  private static final Set<String> NEVER_READONLY = Set.of("/proc", "/dev/pts", "/dev/shm", "/dev/mqueue", "/dev");

  private final Settings settings;
  private final Host host;

  public OciSpecBuilder(Settings settings, Host host) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.host = Objects.requireNonNull(host, "host");
  }

  /**
   * The spec for a container. Invalid input (unknown capability, bad tmpfs option, a malformed custom seccomp
   * profile, {@code --init} without an init binary) raises {@link BerthException.InvalidParameter}.
   */
  public Map<String, Object> build(ContainerSpec c) {
    List<String> caps = Capabilities.effective(c.capAdd(), c.capDrop(), c.privileged(), host.daemonCaps());
    boolean withInit = c.init() && !c.pidHost();
    if (withInit && settings.initBinary() == null) {
      throw new BerthException.InvalidParameter("exec: \"docker-init\": executable file not found in $PATH");
    }

    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("ociVersion", OCI_VERSION);
    spec.put("process", process(c, caps, withInit));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("path", c.rootfs().toString());
    if (c.readonlyRootfs()) {
      root.put("readonly", true);
    }
    spec.put("root", root);
    if (!c.utsHost() && !c.hostname().isEmpty()) {
      spec.put("hostname", c.hostname());
    }
    MountPlan plan = mounts(c, withInit);
    spec.put("mounts", plan.mounts());
    if (!c.annotations().isEmpty()) {
      spec.put("annotations", c.annotations());
    }
    spec.put("linux", linux(c, caps, plan.rootfsPropagation()));
    return spec;
  }

  /**
   * Only the spec's {@code process}, as {@link #build} makes it: what an exec runs (the rest of the spec,
   * mounts and seccomp above all, is the container's and costs more to build).
   */
  public Map<String, Object> process(ContainerSpec c) {
    List<String> caps = Capabilities.effective(c.capAdd(), c.capDrop(), c.privileged(), host.daemonCaps());
    return process(c, caps, c.init() && !c.pidHost() && settings.initBinary() != null);
  }

  // ---- process

  private Map<String, Object> process(ContainerSpec c, List<String> caps, boolean withInit) {
    Map<String, Object> p = new LinkedHashMap<>();
    if (c.tty()) {
      p.put("terminal", true);
      if (c.consoleSize() != null) {
        p.put("consoleSize", ordered("height", c.consoleSize().height(), "width", c.consoleSize().width()));
      }
    }
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("uid", c.user().uid());
    user.put("gid", c.user().gid());
    List<Long> gids = new ArrayList<>();
    gids.add(c.user().gid());
    gids.addAll(c.user().additionalGids());
    user.put("additionalGids", gids);
    p.put("user", user);

    List<String> args = new ArrayList<>();
    if (withInit) {
      args.add(DockerDefaults.INIT_PATH_IN_CONTAINER);
      args.add("--");
    }
    args.addAll(c.args());
    p.put("args", args);
    p.put("env", Environment.forProcess(c.env(), c.hostname(), c.tty()));
    p.put("cwd", c.workingDir().isEmpty() ? "/" : c.workingDir());

    // moby's SetCapabilities: a non-root process gets only the bounding set, as execve would leave it
    Map<String, Object> capabilities = new LinkedHashMap<>();
    capabilities.put("bounding", caps);
    if (c.user().uid() == 0) {
      capabilities.put("effective", caps);
      capabilities.put("permitted", caps);
    }
    p.put("capabilities", capabilities);

    if (!c.ulimits().isEmpty()) {
      List<Map<String, Object>> rlimits = new ArrayList<>();
      for (Ulimit u : c.ulimits()) {
        rlimits.add(ordered("type", u.rlimitType(), "hard", unsigned(u.hard()), "soft", unsigned(u.soft())));
      }
      p.put("rlimits", rlimits);
    }
    if (c.security().noNewPrivileges()) {
      p.put("noNewPrivileges", true);
    }
    p.put("oomScoreAdj", c.oomScoreAdj());
    return p;
  }

  /** Go's uint64(int64): -1 (unlimited) becomes 2^64-1. */
  private static Object unsigned(long v) {
    return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
  }

  // ---- mounts

  private record MountPlan(List<Map<String, Object>> mounts, String rootfsPropagation) {
  }

  private MountPlan mounts(ContainerSpec c, boolean withInit) {
    List<Mount> user = new ArrayList<>(c.mounts());
    if (c.ipcHost() && user.stream().noneMatch(m -> m.destination().equals("/dev/shm"))) {
      user.add(new Mount.Bind("/dev/shm", "/dev/shm", true)); // moby's IpcMounts with ShmPath=/dev/shm
    }
    // moby sorts user mounts by path depth so parents are mounted before children
    user.sort(Comparator.comparingInt(m -> depth(m.destination())));
    Set<String> userDestinations = new HashSet<>();
    for (Mount m : user) {
      userDestinations.add(m.destination());
    }

    List<Map<String, Object>> out = new ArrayList<>();
    boolean userDev = userDestinations.contains("/dev");
    long shm = c.shmSize() == 0 ? DockerDefaults.SHM_SIZE : c.shmSize();
    List<Map<String, Object>> defaults = new ArrayList<>(defaultMounts(shm));
    if (withInit) {
      defaults.add(mount(DockerDefaults.INIT_PATH_IN_CONTAINER, "bind",
          settings.initBinary().toString(), List.of("bind", "ro")));
    }
    for (Map<String, Object> m : defaults) {
      String dest = (String) m.get("destination");
      if (userDestinations.contains(dest) || (userDev && dest.startsWith("/dev/"))) {
        continue;
      }
      out.add(m);
    }

    String rootfsPropagation = null;
    for (Mount m : user) {
      switch (m) {
        case Mount.Tmpfs t -> {
          List<String> options = new ArrayList<>(List.of("noexec", "nosuid", "nodev", "rprivate"));
          if (!t.data().isEmpty()) {
            options.addAll(List.of(t.data().split(",")));
          }
          out.add(mount(t.destination(), "tmpfs", "tmpfs", TmpfsOptions.merge(options)));
        }
        case Mount.Bind b -> {
          String p = b.propagation();
          if (MountPropagation.isShared(p)) {
            if (rootfsPropagation == null || !MountPropagation.isShared(rootfsPropagation)) {
              rootfsPropagation = "shared";
            }
          } else if (MountPropagation.isSlave(p)) {
            if (rootfsPropagation == null) {
              rootfsPropagation = "rslave";
            }
          }
          List<String> options = new ArrayList<>();
          options.add(b.nonRecursive() ? "bind" : "rbind");
          if (!b.writable()) {
            options.add(b.recursiveReadOnly() ? "rro" : "ro");
          }
          options.add(p);
          out.add(mount(b.destination(), "bind", b.source(), options));
        }
      }
    }

    for (Map<String, Object> m : out) {
      String dest = (String) m.get("destination");
      @SuppressWarnings("unchecked")
      List<String> options = (List<String>) m.get("options");
      if (c.readonlyRootfs() && !NEVER_READONLY.contains(dest) && !userDestinations.contains(dest)
          && !options.contains("ro")) {
        options.add("ro");
      }
      if (c.privileged() && (dest.equals("/sys") || "cgroup".equals(m.get("type")))) {
        options.remove("ro");
      }
    }
    return new MountPlan(out, rootfsPropagation);
  }

  /** Docker's DefaultLinuxSpec mounts, /dev/shm sized. */
  private static List<Map<String, Object>> defaultMounts(long shmSize) {
    return List.of(
        mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
        mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
        mount("/dev/pts", "devpts", "devpts",
            List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
        mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
        mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("ro", "nosuid", "noexec", "nodev")),
        mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
        mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=" + shmSize)));
  }

  private static Map<String, Object> mount(String destination, String type, String source, List<String> options) {
    return ordered("destination", destination, "type", type, "source", source, "options", new ArrayList<>(options));
  }

  private static int depth(String destination) {
    return (int) io.berth.common.GoPath.clean(destination).chars().filter(ch -> ch == '/').count();
  }

  // ---- linux

  private Map<String, Object> linux(ContainerSpec c, List<String> caps, String rootfsPropagation) {
    Map<String, Object> l = new LinkedHashMap<>();
    Map<String, String> sysctl = sysctls(c);
    if (!sysctl.isEmpty()) {
      l.put("sysctl", sysctl);
    }
    l.put("resources", resources(c));
    l.put("cgroupsPath", cgroupsPath(c));
    l.put("namespaces", namespaces(c));
    if (c.privileged()) {
      List<Map<String, Object>> devices = HostDevices.list(host.devDir());
      if (!devices.isEmpty()) {
        l.put("devices", devices);
      }
    }
    Map<String, Object> seccomp = Seccomp.forContainer(c.security().seccomp(), c.privileged(), caps, host);
    if (seccomp != null) {
      l.put("seccomp", seccomp);
    }
    if (rootfsPropagation != null) {
      l.put("rootfsPropagation", rootfsPropagation);
    }
    if (!c.privileged()) {
      List<String> masked = c.maskedPaths() != null ? c.maskedPaths() : DockerDefaults.MASKED_PATHS;
      List<String> readonly = c.readonlyPaths() != null ? c.readonlyPaths() : DockerDefaults.READONLY_PATHS;
      if (!masked.isEmpty()) {
        l.put("maskedPaths", masked);
      }
      if (!readonly.isEmpty()) {
        l.put("readonlyPaths", readonly);
      }
    }
    return l;
  }

  private Map<String, String> sysctls(ContainerSpec c) {
    Map<String, String> sysctl = new LinkedHashMap<>();
    // no domainname field in runtime-spec 1.0: the sysctl has setdomainname(2)'s effect (setLinuxDomainname)
    if (!c.domainname().isEmpty() && !c.utsHost()) {
      sysctl.put("kernel.domainname", c.domainname());
    }
    boolean ownNetwork = c.network() instanceof NetworkMode.Private || c.network() instanceof NetworkMode.Sandbox;
    if (ownNetwork) {
      if (host.sysctls().contains(DockerDefaults.SYSCTL_PING_GROUP_RANGE)) {
        sysctl.put(DockerDefaults.SYSCTL_PING_GROUP_RANGE, "0 2147483647"); // ICMP echo without NET_RAW
      }
      if (host.sysctls().contains(DockerDefaults.SYSCTL_UNPRIVILEGED_PORT_START)) {
        sysctl.put(DockerDefaults.SYSCTL_UNPRIVILEGED_PORT_START, "0"); // ports < 1024 without the cap
      }
    }
    c.sysctls().keySet().stream().sorted().forEach(k -> sysctl.put(k, c.sysctls().get(k)));
    return sysctl;
  }

  private Map<String, Object> resources(ContainerSpec c) {
    Map<String, Object> res = new LinkedHashMap<>();
    if (c.privileged()) {
      res.put("devices", List.of(ordered("allow", true, "access", "rwm")));
    } else {
      res.put("devices", defaultDeviceRules());
    }
    res.putAll(limits(c.resources()));
    return res;
  }

  /**
   * The cgroup limits of {@code linux.resources} (memory, cpu, pids, blockIO; no device rules): also what
   * {@code runc update} takes for a running container.
   */
  public Map<String, Object> limits(Resources resources) {
    Resources r = resources.withDockerDefaults();
    Map<String, Object> res = new LinkedHashMap<>();
    Map<String, Object> memory = new LinkedHashMap<>();
    if (r.memory() > 0) {
      memory.put("limit", r.memory());
    }
    if (r.memoryReservation() > 0) {
      memory.put("reservation", r.memoryReservation());
    }
    if (r.memorySwap() > 0) {
      memory.put("swap", r.memorySwap());
    }
    if (r.memorySwappiness() != null && r.memorySwappiness() >= 0) {
      memory.put("swappiness", r.memorySwappiness());
    }
    if (r.oomKillDisable() != null) {
      memory.put("disableOOMKiller", r.oomKillDisable());
    }
    if (!memory.isEmpty()) {
      res.put("memory", memory);
    }

    Map<String, Object> cpu = new LinkedHashMap<>();
    if (r.cpuShares() < 0) {
      throw new BerthException.InvalidParameter(
          "invalid CPU shares (" + r.cpuShares() + "): value must be a positive integer");
    }
    if (r.cpuShares() > 0) {
      cpu.put("shares", r.cpuShares());
    }
    Long quota = null;
    Long period = null;
    if (r.nanoCpus() > 0) {
      period = 100_000L; // 100ms in µs, sched-bwc's default period
      quota = r.nanoCpus() * period / 1_000_000_000L;
    }
    if (r.cpuPeriod() != 0) {
      period = r.cpuPeriod();
    }
    if (r.cpuQuota() != 0) {
      quota = r.cpuQuota();
    }
    if (quota != null) {
      cpu.put("quota", quota);
    }
    if (period != null) {
      cpu.put("period", period);
    }
    if (!r.cpusetCpus().isEmpty()) {
      cpu.put("cpus", r.cpusetCpus());
    }
    if (!r.cpusetMems().isEmpty()) {
      cpu.put("mems", r.cpusetMems());
    }
    if (!cpu.isEmpty()) {
      res.put("cpu", cpu);
    }
    if (r.pidsLimit() != null) {
      // the API's 0 or less means unlimited; runc wants -1 for that
      res.put("pids", ordered("limit", r.pidsLimit() <= 0 ? -1L : r.pidsLimit()));
    }
    if (r.blkioWeight() != 0) {
      res.put("blockIO", ordered("weight", r.blkioWeight()));
    }
    return res;
  }

  /** DefaultLinuxSpec's device cgroup rules; runc appends its own defaults (full, ptmx, pts, tun...). */
  private static List<Map<String, Object>> defaultDeviceRules() {
    return List.of(
        ordered("allow", false, "access", "rwm"),
        deviceRule(true, 1, 5), deviceRule(true, 1, 3), deviceRule(true, 1, 9), deviceRule(true, 1, 8),
        deviceRule(true, 5, 0), deviceRule(true, 5, 1), deviceRule(false, 10, 229));
  }

  private static Map<String, Object> deviceRule(boolean allow, long major, long minor) {
    return ordered("allow", allow, "type", "c", "major", major, "minor", minor, "access", "rwm");
  }

  private String cgroupsPath(ContainerSpec c) {
    String parent = c.cgroupParent() == null || c.cgroupParent().isEmpty()
        ? settings.cgroupParent() : c.cgroupParent();
    return io.berth.common.GoPath.join(parent, c.id());
  }

  private static List<Map<String, Object>> namespaces(ContainerSpec c) {
    List<Map<String, Object>> ns = new ArrayList<>();
    ns.add(ordered("type", "mount"));
    switch (c.network()) {
      case NetworkMode.Private p -> ns.add(ordered("type", "network"));
      case NetworkMode.Sandbox s -> ns.add(ordered("type", "network", "path", s.path()));
      case NetworkMode.Shared s -> ns.add(ordered("type", "network", "path", s.path()));
      case NetworkMode.Host h -> {
      }
    }
    if (!c.utsHost()) {
      ns.add(ordered("type", "uts"));
    }
    if (!c.pidHost()) {
      ns.add(ordered("type", "pid"));
    }
    if (!c.ipcHost()) {
      ns.add(ordered("type", "ipc"));
    }
    if (c.cgroupnsPrivate()) {
      ns.add(ordered("type", "cgroup"));
    }
    return ns;
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
