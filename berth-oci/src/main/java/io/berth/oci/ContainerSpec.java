package io.berth.oci;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the engine knows about a container that goes into its config.json. Values are Docker's
 * (Config and HostConfig after create-time defaulting); {@link #builder} fills Docker's defaults for the rest.
 *
 * @param id              the full container ID
 * @param rootfs          the mounted root filesystem on the host
 * @param args            the resolved entrypoint + cmd (not empty)
 * @param env             Config.Env: image env merged with user env (the engine merges them at create);
 *                        PATH, HOSTNAME and TERM defaults are added by the builder
 * @param workingDir      Config.WorkingDir; empty means /
 * @param user            the user resolved by {@link UserResolver}
 * @param consoleSize     initial tty size, or null
 * @param hostname        Config.Hostname (also HOSTNAME in the environment)
 * @param domainname      Config.Domainname; empty for none
 * @param capAdd          HostConfig.CapAdd, Docker's names with or without CAP_, or ALL
 * @param capDrop         HostConfig.CapDrop
 * @param security        HostConfig.SecurityOpt, parsed ({@link SecurityOptions#parse})
 * @param maskedPaths     HostConfig.MaskedPaths; null for Docker's defaults (none when privileged)
 * @param readonlyPaths   HostConfig.ReadonlyPaths; null for Docker's defaults (none when privileged)
 * @param network         the network namespace
 * @param pidHost         {@code --pid host}
 * @param ipcHost         {@code --ipc host}: the host's /dev/shm is bind-mounted, no IPC namespace
 * @param utsHost         {@code --uts host}: no UTS namespace, no hostname
 * @param cgroupnsPrivate a private cgroup namespace (Docker's default on cgroup v2 hosts)
 * @param init            {@code --init}: the init binary runs as PID 1 (ignored with {@code --pid host})
 * @param shmSize         bytes for /dev/shm; 0 for Docker's 64 MiB
 * @param ulimits         HostConfig.Ulimits merged with the daemon's defaults ({@link Ulimits#merge}); empty =
 *                        the runtime inherits the daemon's limits
 * @param mounts          binds (volumes, /etc/hosts, /etc/hostname, /etc/resolv.conf) and tmpfs mounts
 * @param cgroupParent    HostConfig.CgroupParent; null or empty for the builder's default
 * @param sysctls         HostConfig.Sysctls; they win over Docker's defaults
 * @param annotations     HostConfig.Annotations
 * @param oomScoreAdj     HostConfig.OomScoreAdj
 */
public record ContainerSpec(
    String id, Path rootfs, boolean readonlyRootfs,
    List<String> args, List<String> env, String workingDir, ResolvedUser user,
    boolean tty, ConsoleSize consoleSize, String hostname, String domainname,
    boolean privileged, List<String> capAdd, List<String> capDrop, SecurityOptions security,
    List<String> maskedPaths, List<String> readonlyPaths,
    NetworkMode network, boolean pidHost, boolean ipcHost, boolean utsHost, boolean cgroupnsPrivate,
    boolean init, long shmSize, List<Ulimit> ulimits, Resources resources, List<Mount> mounts,
    String cgroupParent, Map<String, String> sysctls, Map<String, String> annotations, int oomScoreAdj) {

  /** The terminal size, rows by columns. */
  public record ConsoleSize(int height, int width) {
  }

  public ContainerSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(rootfs, "rootfs");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("container id is empty");
    }
    if (args == null || args.isEmpty()) {
      throw new IllegalArgumentException("no command specified");
    }
    args = List.copyOf(args);
    env = List.copyOf(env);
    workingDir = workingDir == null ? "" : workingDir;
    Objects.requireNonNull(user, "user");
    hostname = hostname == null ? "" : hostname;
    domainname = domainname == null ? "" : domainname;
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
    Objects.requireNonNull(security, "security");
    maskedPaths = maskedPaths == null ? null : List.copyOf(maskedPaths);
    readonlyPaths = readonlyPaths == null ? null : List.copyOf(readonlyPaths);
    Objects.requireNonNull(network, "network");
    if (shmSize < 0) {
      throw new IllegalArgumentException("SHM size can not be less than 0");
    }
    ulimits = List.copyOf(ulimits);
    Objects.requireNonNull(resources, "resources");
    mounts = List.copyOf(mounts);
    sysctls = Map.copyOf(sysctls);
    annotations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
  }

  /** A builder with Docker's defaults: root, no tty, hostname = the ID's first 12 characters, private network. */
  public static Builder builder(String id, Path rootfs) {
    return new Builder(id, rootfs);
  }

  /** Fluent construction; every setter is optional except {@link #args}. */
  public static final class Builder {
    private final String id;
    private final Path rootfs;
    private boolean readonlyRootfs;
    private List<String> args = List.of();
    private List<String> env = List.of();
    private String workingDir = "";
    private ResolvedUser user = ResolvedUser.ROOT;
    private boolean tty;
    private ConsoleSize consoleSize;
    private String hostname;
    private String domainname = "";
    private boolean privileged;
    private List<String> capAdd = List.of();
    private List<String> capDrop = List.of();
    private SecurityOptions security = SecurityOptions.DEFAULT;
    private List<String> maskedPaths;
    private List<String> readonlyPaths;
    private NetworkMode network = new NetworkMode.Private();
    private boolean pidHost;
    private boolean ipcHost;
    private boolean utsHost;
    private boolean cgroupnsPrivate;
    private boolean init;
    private long shmSize;
    private List<Ulimit> ulimits = List.of();
    private Resources resources = Resources.none();
    private final List<Mount> mounts = new ArrayList<>();
    private String cgroupParent;
    private Map<String, String> sysctls = Map.of();
    private Map<String, String> annotations = Map.of();
    private int oomScoreAdj;

    private Builder(String id, Path rootfs) {
      this.id = id;
      this.rootfs = rootfs;
      this.hostname = id.length() > 12 ? id.substring(0, 12) : id;
    }

    public Builder readonlyRootfs(boolean v) { readonlyRootfs = v; return this; }
    public Builder args(List<String> v) { args = v; return this; }
    public Builder env(List<String> v) { env = v; return this; }
    public Builder workingDir(String v) { workingDir = v; return this; }
    public Builder user(ResolvedUser v) { user = v; return this; }
    public Builder tty(boolean v) { tty = v; return this; }
    public Builder consoleSize(ConsoleSize v) { consoleSize = v; return this; }
    public Builder hostname(String v) { hostname = v; return this; }
    public Builder domainname(String v) { domainname = v; return this; }
    public Builder privileged(boolean v) { privileged = v; return this; }
    public Builder capAdd(List<String> v) { capAdd = v; return this; }
    public Builder capDrop(List<String> v) { capDrop = v; return this; }
    public Builder security(SecurityOptions v) { security = v; return this; }
    public Builder maskedPaths(List<String> v) { maskedPaths = v; return this; }
    public Builder readonlyPaths(List<String> v) { readonlyPaths = v; return this; }
    public Builder network(NetworkMode v) { network = v; return this; }
    public Builder pidHost(boolean v) { pidHost = v; return this; }
    public Builder ipcHost(boolean v) { ipcHost = v; return this; }
    public Builder utsHost(boolean v) { utsHost = v; return this; }
    public Builder cgroupnsPrivate(boolean v) { cgroupnsPrivate = v; return this; }
    public Builder init(boolean v) { init = v; return this; }
    public Builder shmSize(long v) { shmSize = v; return this; }
    public Builder ulimits(List<Ulimit> v) { ulimits = v; return this; }
    public Builder resources(Resources v) { resources = v; return this; }
    public Builder mount(Mount v) { mounts.add(v); return this; }
    public Builder mounts(List<? extends Mount> v) { mounts.addAll(v); return this; }
    public Builder cgroupParent(String v) { cgroupParent = v; return this; }
    public Builder sysctls(Map<String, String> v) { sysctls = v; return this; }
    public Builder annotations(Map<String, String> v) { annotations = v; return this; }
    public Builder oomScoreAdj(int v) { oomScoreAdj = v; return this; }

    public ContainerSpec build() {
      return new ContainerSpec(id, rootfs, readonlyRootfs, args, env, workingDir, user, tty, consoleSize,
          hostname, domainname, privileged, capAdd, capDrop, security, maskedPaths, readonlyPaths,
          network, pidHost, ipcHost, utsHost, cgroupnsPrivate, init, shmSize, ulimits, resources,
          mounts, cgroupParent, sysctls, annotations, oomScoreAdj);
    }
  }
}
