package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.engine.container.config.ConfigCodec;
import io.berth.engine.container.config.CreateRequest;
import io.berth.engine.container.config.EndpointSettings;
import io.berth.engine.container.config.HostConfig;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a create request that berth does not act on yet. A request that sets one (to anything but
 * Docker's zero value) is refused with a 400 that names the option, so that nothing a user asked for is
 * accepted and silently dropped. A feature that lands removes its lines here.
 */
final class CreateFields {
  /**
   * Config fields berth acts on, and where. Every field of the API's Config is here or in {@link #CONFIG}
   * (CreateFieldsTest walks the API spec's list).
   */
  static final Map<String, String> HONOURED_CONFIG = ordered(
      "Hostname", "hostname file, hosts, UTS namespace", "Domainname", "kernel.domainname, hosts",
      "User", "OCI process user", "AttachStdin", "attach", "AttachStdout", "attach", "AttachStderr", "attach",
      "ExposedPorts", "recorded; published only with -p/-P", "Tty", "monitor's terminal",
      "OpenStdin", "monitor's stdin", "StdinOnce", "monitor's stdin", "Env", "OCI process env",
      "Cmd", "OCI process args", "ArgsEscaped", "recorded (Windows only, as in dockerd)", "Image", "create",
      "Volumes", "anonymous volumes, filled from the image",
      "WorkingDir", "OCI process cwd", "Entrypoint", "OCI process args", "NetworkDisabled", "network mode none",
      "MacAddress", "the endpoint's MAC (older API clients)", "OnBuild", "recorded for the builder",
      "Labels", "recorded, filters, events", "StopSignal", "stop", "StopTimeout", "stop",
      "Shell", "recorded for the builder; the shell of CMD-SHELL health checks",
      "Healthcheck", "HealthMonitor");

  /** HostConfig fields berth acts on, and where. */
  static final Map<String, String> HONOURED_HOST_CONFIG = ordered(
      "CpuShares", "cgroup cpu", "Memory", "cgroup memory", "CgroupParent", "cgroup path",
      "BlkioWeight", "cgroup blkio", "CpuPeriod", "cgroup cpu", "CpuQuota", "cgroup cpu",
      "CpusetCpus", "cgroup cpuset", "CpusetMems", "cgroup cpuset", "MemoryReservation", "cgroup memory",
      "MemorySwap", "cgroup memory", "MemorySwappiness", "cgroup memory", "NanoCpus", "cgroup cpu",
      "OomKillDisable", "cgroup memory", "Init", "init process", "PidsLimit", "cgroup pids", "Ulimits", "rlimits",
      "IOMaximumIOps", "refused as on Linux dockerd", "IOMaximumBandwidth", "refused as on Linux dockerd",
      "ContainerIDFile", "written by the client", "LogConfig", "log driver and rotation",
      "NetworkMode", "bridge, host, none, container:, user networks", "RestartPolicy", "restart manager",
      "PortBindings", "published ports (NAT, berthd's forwarder)", "PublishAllPorts", "published ports",
      "Links", "legacy links: hosts and environment", "AutoRemove", "removal on exit",
      "ConsoleSize", "terminal size", "Annotations", "OCI annotations", "CapAdd", "capabilities",
      "CapDrop", "capabilities", "CgroupnsMode", "cgroup namespace", "Dns", "resolv.conf",
      "DnsOptions", "resolv.conf", "DnsSearch", "resolv.conf", "ExtraHosts", "hosts file",
      "GroupAdd", "OCI process groups", "IpcMode", "host, private, shareable", "OomScoreAdj", "OCI process",
      "PidMode", "host", "Privileged", "capabilities, devices, paths", "ReadonlyRootfs", "root mount",
      "SecurityOpt", "seccomp, no-new-privileges, labels", "Tmpfs", "tmpfs mounts", "UTSMode", "host",
      "UsernsMode", "host", "ShmSize", "/dev/shm", "Sysctls", "OCI sysctls", "Runtime", "runtime choice",
      "Isolation", "validated as on Linux dockerd", "MaskedPaths", "OCI masked paths",
      "ReadonlyPaths", "OCI read-only paths", "Binds", "binds and volumes", "Mounts", "binds, volumes, tmpfs",
      "VolumesFrom", "another container's mounts", "VolumeDriver", "the driver of the volumes it makes (local)");

  /** HostConfig fields (their JSON names) berth does not act on yet, and the {@code docker run} option of each. */
  static final Map<String, String> HOST_CONFIG = ordered(
      "Cgroup", "--cgroup",
      "StorageOpt", "--storage-opt",
      "BlkioWeightDevice", "--blkio-weight-device",
      "BlkioDeviceReadBps", "--device-read-bps",
      "BlkioDeviceWriteBps", "--device-write-bps",
      "BlkioDeviceReadIOps", "--device-read-iops",
      "BlkioDeviceWriteIOps", "--device-write-iops",
      "CpuRealtimePeriod", "--cpu-rt-period",
      "CpuRealtimeRuntime", "--cpu-rt-runtime",
      "Devices", "--device",
      "DeviceCgroupRules", "--device-cgroup-rule",
      "DeviceRequests", "--gpus",
      "KernelMemoryTCP", "--kernel-memory-tcp",
      "CpuCount", "--cpu-count",
      "CpuPercent", "--cpu-percent");

  /** Config fields berth does not act on yet, and their options. */
  static final Map<String, String> CONFIG = ordered();

  private CreateFields() {}

  static void check(CreateRequest request) {
    HostConfig hc = request.hostConfig();
    refuseSet(ConfigCodec.toMap(hc), HOST_CONFIG);
    refuseSet(ConfigCodec.toMap(request.config()), CONFIG);
    modes(hc);
    for (EndpointSettings s : request.networkingConfig().endpointsConfig().values()) {
      endpoint(s);
    }
  }

  /** What berth does not do on an endpoint yet: link-local addresses, driver options, gateway priority. */
  static void endpoint(EndpointSettings s) {
    if (s == null) {
      return;
    }
    if (s.ipamConfig() != null && s.ipamConfig().linkLocalIps() != null && !s.ipamConfig().linkLocalIps().isEmpty()) {
      throw unsupported("--link-local-ip", "field LinkLocalIPs");
    }
    if (s.driverOpts() != null && !s.driverOpts().isEmpty()) {
      throw unsupported("--network driver-opt", "field DriverOpts");
    }
    if (s.gwPriority() != 0) {
      throw unsupported("--network gw-priority", "field GwPriority");
    }
  }


  private static void modes(HostConfig hc) {
    checkMode("--pid", hc.pidMode(), "host");
    checkMode("--uts", hc.utsMode(), "host");
    checkMode("--ipc", hc.ipcMode(), "host", "private", "shareable");
    checkMode("--userns", hc.usernsMode(), "host");
    if (!hc.cgroupnsMode().isEmpty() && !hc.cgroupnsMode().equals("host") && !hc.cgroupnsMode().equals("private")) {
      throw new BerthException.InvalidParameter("invalid cgroup namespace mode: " + hc.cgroupnsMode());
    }
  }

  private static void checkMode(String option, String value, String... supported) {
    if (value.isEmpty() || java.util.Arrays.asList(supported).contains(value)) {
      return;
    }
    throw unsupported(option + " " + value, "supported: " + String.join(", ", supported));
  }

  private static void refuseSet(Map<String, Object> json, Map<String, String> fields) {
    fields.forEach((field, option) -> {
      if (isSet(json.get(field))) {
        throw unsupported(option, "field " + field);
      }
    });
  }

  /** Anything but Go's zero value: null, false, 0, "", an empty list or map. */
  static boolean isSet(Object value) {
    return switch (value) {
      case null -> false;
      case Boolean b -> b;
      case Number n -> n.doubleValue() != 0;
      case String s -> !s.isEmpty();
      case Collection<?> c -> !c.isEmpty();
      case Map<?, ?> m -> !m.isEmpty();
      default -> true;
    };
  }

  private static BerthException.InvalidParameter unsupported(String what, String detail) {
    return new BerthException.InvalidParameter("berth does not support " + what + " yet (" + detail + ")");
  }

  private static Map<String, String> ordered(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }
}
