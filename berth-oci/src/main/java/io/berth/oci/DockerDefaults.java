package io.berth.oci;

import java.util.List;

/**
 * The constants of moby's oci/defaults.go (DefaultLinuxSpec, DefaultCapabilities, DefaultPathEnv) as
 * Docker 28 has them. Public because the engine shows some of them in {@code docker inspect}
 * (HostConfig.MaskedPaths and ReadonlyPaths are filled at create).
 */
public final class DockerDefaults {
  /** DefaultPathEnv for Linux: the PATH a container gets when its image sets none. */
  public static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** The 14 capabilities of a default container, in moby's order. */
  public static final List<String> CAPABILITIES = List.of(
      "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
      "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
      "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

  public static final List<String> MASKED_PATHS = List.of(
      "/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys",
      "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
      "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap");

  public static final List<String> READONLY_PATHS = List.of(
      "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

  /** HostConfig.ShmSize when the client leaves it 0: 64 MiB. */
  public static final long SHM_SIZE = 64L * 1024 * 1024;

  /** Where moby bind-mounts the init binary for {@code --init}. */
  public static final String INIT_PATH_IN_CONTAINER = "/sbin/docker-init";

  /** The cgroupfs parent moby uses is /docker; berth's own default. */
  public static final String CGROUP_PARENT = "/berth";

  /** The sysctls moby adds to a container with its own network namespace (WithCommonOptions). */
  public static final String SYSCTL_PING_GROUP_RANGE = "net.ipv4.ping_group_range";
  public static final String SYSCTL_UNPRIVILEGED_PORT_START = "net.ipv4.ip_unprivileged_port_start";

  private DockerDefaults() {
  }
}
