package io.berth.cli;

import io.berth.client.ApiVersion;
import io.berth.common.JsonIndent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the {@code POST /containers/create} body from parsed container flags exactly as the
 * Docker CLI's parse() does: Config, then HostConfig and NetworkingConfig, with Go's field
 * order, null-versus-empty choices and validation messages. Failures are
 * IllegalArgumentException with Docker's text (run/create report them with status 125).
 */
final class CreateBody {
  private final ContainerFlags f;
  private final Map<String, String> env;
  private final Path cwd;
  private final String apiVersion;

  /**
   * @param env the client's environment (bare {@code -e NAME} and env-file names read it)
   * @param cwd where relative paths (env files, {@code -v ./x:/y}) are resolved
   */
  CreateBody(ContainerFlags flags, Map<String, String> env, Path cwd, String apiVersion) {
    this.f = flags;
    this.env = env;
    this.cwd = cwd;
    this.apiVersion = apiVersion;
  }

  /** The full request body for {@code image} with {@code args} as the command. */
  Map<String, Object> build(String image, List<String> args, int[] consoleSize) {
    List<String> attach = f.attach.list();
    boolean attachStdin = attach.contains("stdin") || f.interactive.isTrue();
    boolean attachStdout = attach.isEmpty() || attach.contains("stdout");
    boolean attachStderr = attach.isEmpty() || attach.contains("stderr");
    long swappiness = f.memorySwappiness.longValue();
    if (swappiness != -1 && (swappiness < 0 || swappiness > 100)) {
      throw new IllegalArgumentException("invalid value: " + swappiness + ". Valid memory swappiness range is 0-100");
    }
    if (!f.macAddress.string().isEmpty() && ApiVersion.compare(apiVersion, "1.44") < 0) {
      throw new IllegalArgumentException("\"specify mac-address per network\" requires API version 1.44, but the "
          + "Docker daemon API version is " + apiVersion);
    }

    Map<String, Object> volumes = new LinkedHashMap<>();
    List<String> binds = new ArrayList<>();
    for (String spec : new java.util.LinkedHashSet<>(f.volume.list())) {
      MountSpecs.VolumeSpec parsed = MountSpecs.parseVolume(spec);
      if (parsed.isBind()) {
        binds.add(MountSpecs.bind(spec, cwd));
      } else {
        volumes.put(spec, new LinkedHashMap<>());
      }
    }

    List<String> entrypoint = null;
    if (!f.entrypoint.string().isEmpty()) {
      entrypoint = List.of(f.entrypoint.string());
    } else if (f.entrypoint.changed()) {
      entrypoint = List.of("");
    }

    PortSpecs ports = PortSpecs.parse(f.publish.list(), f.expose.list());

    List<Object> devices = new ArrayList<>();
    for (String device : f.device.list()) {
      devices.add(ResourceSpecs.device(device));
    }

    List<String> envVariables = KeyValueFiles.env(f.envFile.list(), f.env.list(), env, cwd);
    List<String> labels = KeyValueFiles.labels(f.labelFile.list(), f.label.list(), cwd);

    checkMode(f.pid.string(), "--pid: invalid PID mode");
    checkMode(f.uts.string(), "--uts: invalid UTS mode");
    if (!f.userns.string().isEmpty() && !f.userns.string().equals("host")) {
      throw new IllegalArgumentException("--userns: invalid USER mode");
    }
    String cgroupns = f.cgroupns.string();
    if (!cgroupns.isEmpty() && !cgroupns.equals("host") && !cgroupns.equals("private")) {
      throw new IllegalArgumentException("--cgroupns: invalid CGROUP mode");
    }

    Map<String, Object> restartPolicy = restartPolicy(f.restart.string());
    Map<String, String> logConfig = keyValueMap(f.logOpt.list());
    if (f.logDriver.string().equals("none") && !f.logOpt.list().isEmpty()) {
      throw new IllegalArgumentException("invalid logging opts for driver none");
    }
    List<String> securityOpts = securityOpts(f.securityOpt.list());
    List<String> maskedPaths = null;
    List<String> readonlyPaths = null;
    if (securityOpts != null && securityOpts.remove("systempaths=unconfined")) {
      maskedPaths = List.of();
      readonlyPaths = List.of();
      if (securityOpts.isEmpty()) {
        securityOpts = null;
      }
    }
    Map<String, String> storageOpts = null;
    for (String option : f.storageOpt.list()) {
      int eq = option.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("invalid storage option");
      }
      if (storageOpts == null) {
        storageOpts = new TreeMap<>();
      }
      storageOpts.put(option.substring(0, eq), option.substring(eq + 1));
    }

    Map<String, Object> health = healthcheck();

    // Config, in container.Config's field order; omitempty fields only when set.
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("Hostname", f.hostname.string());
    config.put("Domainname", f.domainname.string());
    config.put("User", f.user.string());
    config.put("AttachStdin", attachStdin);
    config.put("AttachStdout", attachStdout);
    config.put("AttachStderr", attachStderr);
    if (!ports.exposedPorts().isEmpty()) {
      config.put("ExposedPorts", ports.exposedPorts());
    }
    config.put("Tty", f.tty.isTrue());
    config.put("OpenStdin", f.interactive.isTrue());
    config.put("StdinOnce", f.interactive.isTrue() && attachStdin);
    config.put("Env", envVariables.isEmpty() ? null : envVariables);
    config.put("Cmd", args.isEmpty() ? null : args);
    if (health != null) {
      config.put("Healthcheck", health);
    }
    config.put("Image", image);
    config.put("Volumes", volumes);
    config.put("WorkingDir", f.workdir.string());
    config.put("Entrypoint", entrypoint);
    config.put("OnBuild", null);
    config.put("Labels", keyValueMap(labels));
    if (!f.stopSignal.string().isEmpty()) {
      config.put("StopSignal", f.stopSignal.string());
    }
    if (f.stopTimeout.changed()) {
      config.put("StopTimeout", f.stopTimeout.longValue());
    }

    Map<String, Object> host = new LinkedHashMap<>();
    host.put("Binds", binds.isEmpty() ? null : binds);
    host.put("ContainerIDFile", f.cidfile.string());
    Map<String, Object> log = new LinkedHashMap<>();
    log.put("Type", f.logDriver.string());
    log.put("Config", logConfig);
    host.put("LogConfig", log);
    host.put("NetworkMode", f.network.list().isEmpty() ? "default"
        : NetworkSpecs.attachment(f.network.list().getFirst()).target());
    host.put("PortBindings", ports.portBindings());
    host.put("RestartPolicy", restartPolicy);
    host.put("AutoRemove", f.rm.isTrue());
    host.put("VolumeDriver", f.volumeDriver.string());
    host.put("VolumesFrom", nullIfEmpty(f.volumesFrom.list()));
    host.put("ConsoleSize", List.of(consoleSize[0], consoleSize[1]));
    if (!f.annotation.list().isEmpty()) {
      host.put("Annotations", keyValueMap(f.annotation.list()));
    }
    List<String>[] caps = capabilities(f.capAdd.list(), f.capDrop.list());
    host.put("CapAdd", caps[0]);
    host.put("CapDrop", caps[1]);
    host.put("CgroupnsMode", cgroupns);
    host.put("Dns", f.dns.list());
    host.put("DnsOptions", f.dnsOption.list());
    host.put("DnsSearch", f.dnsSearch.list());
    host.put("ExtraHosts", nullIfEmpty(f.addHost.list()));
    host.put("GroupAdd", nullIfEmpty(f.groupAdd.list()));
    host.put("IpcMode", f.ipc.string());
    host.put("Cgroup", "");
    host.put("Links", nullIfEmpty(f.link.list()));
    host.put("OomScoreAdj", f.oomScoreAdj.longValue());
    host.put("PidMode", f.pid.string());
    host.put("Privileged", f.privileged.isTrue());
    host.put("PublishAllPorts", f.publishAll.isTrue());
    host.put("ReadonlyRootfs", f.readOnly.isTrue());
    host.put("SecurityOpt", securityOpts);
    if (storageOpts != null) {
      host.put("StorageOpt", storageOpts);
    }
    if (!f.tmpfs.list().isEmpty()) {
      host.put("Tmpfs", MountSpecs.tmpfs(f.tmpfs.list()));
    }
    host.put("UTSMode", f.uts.string());
    host.put("UsernsMode", f.userns.string());
    host.put("ShmSize", number(f.shmSize));
    if (!f.sysctl.list().isEmpty()) {
      host.put("Sysctls", keyValueMap(f.sysctl.list()));
    }
    if (!f.runtime.string().isEmpty()) {
      host.put("Runtime", f.runtime.string());
    }
    host.put("Isolation", f.isolation.string());
    host.put("CpuShares", f.cpuShares.longValue());
    host.put("Memory", number(f.memory));
    host.put("NanoCpus", number(f.cpus));
    host.put("CgroupParent", f.cgroupParent.string());
    host.put("BlkioWeight", number(f.blkioWeight));
    host.put("BlkioWeightDevice", ResourceSpecs.pathValues(f.blkioWeightDevice.list(), "Weight"));
    host.put("BlkioDeviceReadBps", ResourceSpecs.pathValues(f.deviceReadBps.list(), "Rate"));
    host.put("BlkioDeviceWriteBps", ResourceSpecs.pathValues(f.deviceWriteBps.list(), "Rate"));
    host.put("BlkioDeviceReadIOps", ResourceSpecs.pathValues(f.deviceReadIops.list(), "Rate"));
    host.put("BlkioDeviceWriteIOps", ResourceSpecs.pathValues(f.deviceWriteIops.list(), "Rate"));
    host.put("CpuPeriod", f.cpuPeriod.longValue());
    host.put("CpuQuota", f.cpuQuota.longValue());
    host.put("CpuRealtimePeriod", f.cpuRtPeriod.longValue());
    host.put("CpuRealtimeRuntime", f.cpuRtRuntime.longValue());
    host.put("CpusetCpus", f.cpusetCpus.string());
    host.put("CpusetMems", f.cpusetMems.string());
    host.put("Devices", devices);
    host.put("DeviceCgroupRules", nullIfEmpty(f.deviceCgroupRule.list()));
    List<Object> gpus = new ArrayList<>();
    for (String gpu : f.gpus.list()) {
      gpus.add(ResourceSpecs.gpu(gpu));
    }
    host.put("DeviceRequests", gpus.isEmpty() ? null : gpus);
    host.put("MemoryReservation", number(f.memoryReservation));
    host.put("MemorySwap", number(f.memorySwap));
    host.put("MemorySwappiness", swappiness);
    host.put("OomKillDisable", f.oomKillDisable.isTrue());
    host.put("PidsLimit", f.pidsLimit.longValue());
    host.put("Ulimits", ResourceSpecs.ulimits(f.ulimit.list()));
    host.put("CpuCount", f.cpuCount.longValue());
    host.put("CpuPercent", f.cpuPercent.longValue());
    host.put("IOMaximumIOps", number(f.ioMaxIops));
    host.put("IOMaximumBandwidth", number(f.ioMaxBandwidth));
    if (!f.mount.list().isEmpty()) {
      List<Object> mounts = new ArrayList<>();
      for (String mount : f.mount.list()) {
        mounts.add(MountSpecs.mount(mount, cwd));
      }
      host.put("Mounts", mounts);
    }
    host.put("MaskedPaths", maskedPaths);
    host.put("ReadonlyPaths", readonlyPaths);
    if (f.init.changed()) {
      host.put("Init", f.init.isTrue());
    }
    String restartName = (String) restartPolicy.get("Name");
    if (f.rm.isTrue() && !restartName.isEmpty() && !restartName.equals("no")) {
      throw new IllegalArgumentException("conflicting options: cannot specify both --restart and --rm");
    }

    Map<String, Object> endpoints = NetworkSpecs.endpoints(f.network.list(), new NetworkSpecs.ContainerOptions(
        f.networkAlias.list(), f.ip.string(), f.ip6.string(), f.macAddress.string(), f.link.list(),
        f.linkLocalIp.list()));
    if (ApiVersion.compare(apiVersion, "1.44") < 0) {
      // Before 1.44 the daemon took no per-endpoint settings for the default network.
      endpoints.remove("default");
    }
    Map<String, Object> networking = new LinkedHashMap<>();
    networking.put("EndpointsConfig", endpoints);

    Map<String, Object> body = new LinkedHashMap<>(config);
    body.put("HostConfig", host);
    body.put("NetworkingConfig", networking);
    return body;
  }

  private Map<String, Object> healthcheck() {
    boolean settings = !f.healthCmd.string().isEmpty() || f.healthInterval.longValue() != 0
        || f.healthTimeout.longValue() != 0 || f.healthStartPeriod.longValue() != 0
        || f.healthRetries.longValue() != 0 || f.healthStartInterval.longValue() != 0;
    if (f.noHealthcheck.isTrue()) {
      if (settings) {
        throw new IllegalArgumentException("--no-healthcheck conflicts with --health-* options");
      }
      Map<String, Object> none = new LinkedHashMap<>();
      none.put("Test", List.of("NONE"));
      return none;
    }
    if (!settings) {
      return null;
    }
    negative(f.healthInterval, "--health-interval");
    negative(f.healthTimeout, "--health-timeout");
    negative(f.healthRetries, "--health-retries");
    negative(f.healthStartPeriod, "--health-start-period");
    negative(f.healthStartInterval, "--health-start-interval");
    Map<String, Object> health = new LinkedHashMap<>();
    if (!f.healthCmd.string().isEmpty()) {
      health.put("Test", List.of("CMD-SHELL", f.healthCmd.string()));
    }
    putNonZero(health, "Interval", f.healthInterval.longValue());
    putNonZero(health, "Timeout", f.healthTimeout.longValue());
    putNonZero(health, "StartPeriod", f.healthStartPeriod.longValue());
    putNonZero(health, "StartInterval", f.healthStartInterval.longValue());
    putNonZero(health, "Retries", f.healthRetries.longValue());
    return health;
  }

  private static void negative(Flag flag, String name) {
    if (flag.longValue() < 0) {
      throw new IllegalArgumentException(name + " cannot be negative");
    }
  }

  private static void putNonZero(Map<String, Object> map, String key, long value) {
    if (value != 0) {
      map.put(key, value);
    }
  }

  private static void checkMode(String mode, String error) {
    if (mode.isEmpty() || mode.equals("host")) {
      return;
    }
    if (mode.startsWith("container:") && mode.length() > "container:".length()) {
      return;
    }
    throw new IllegalArgumentException(error);
  }

  /** opts.ParseRestartPolicy. */
  static Map<String, Object> restartPolicy(String policy) {
    Map<String, Object> out = new LinkedHashMap<>();
    String name = policy;
    long count = 0;
    int colon = policy.indexOf(':');
    if (colon >= 0) {
      name = policy.substring(0, colon);
      if (name.isEmpty()) {
        throw new IllegalArgumentException("invalid restart policy format: no policy provided before colon");
      }
      String value = policy.substring(colon + 1);
      if (!value.isEmpty()) {
        try {
          count = Integer.parseInt(value);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("invalid restart policy format: maximum retry count must be an integer");
        }
      }
    }
    out.put("Name", name);
    out.put("MaximumRetryCount", count);
    return out;
  }

  /** opts.EffectiveCapAddCapDrop: normalized (CAP_ prefix, upper case), sorted, ALL wins. */
  @SuppressWarnings("unchecked")
  static List<String>[] capabilities(List<String> add, List<String> drop) {
    TreeSet<String> adds = normalizeCaps(add);
    TreeSet<String> drops = normalizeCaps(drop);
    if (adds.contains("ALL")) {
      adds = new TreeSet<>(List.of("ALL"));
    }
    if (drops.contains("ALL")) {
      drops = new TreeSet<>(List.of("ALL"));
    }
    List<String> capDrop = new ArrayList<>();
    for (String c : drops) {
      if (!adds.contains(c)) {
        capDrop.add(c);
      }
    }
    return new List[] {adds.isEmpty() ? null : new ArrayList<>(adds), capDrop.isEmpty() ? null : capDrop};
  }

  private static TreeSet<String> normalizeCaps(List<String> caps) {
    TreeSet<String> out = new TreeSet<>();
    for (String c : caps) {
      String cap = c.strip().toUpperCase(Locale.ROOT);
      if (cap.isEmpty()) {
        continue;
      }
      if (!cap.equals("ALL") && !cap.startsWith("CAP_")) {
        cap = "CAP_" + cap;
      }
      out.add(cap);
    }
    return out;
  }

  /** parseSecurityOpts: key=value (or key:value); a seccomp profile file is inlined, compacted. */
  private List<String> securityOpts(List<String> options) {
    if (options.isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String opt : options) {
      int sep = opt.indexOf('=');
      String key = sep < 0 ? opt : opt.substring(0, sep);
      if (sep < 0 && !key.equals("no-new-privileges")) {
        sep = opt.indexOf(':');
        key = sep < 0 ? opt : opt.substring(0, sep);
      }
      String value = sep < 0 ? "" : opt.substring(sep + 1);
      if ((sep < 0 || value.isEmpty()) && !key.equals("no-new-privileges")) {
        throw new IllegalArgumentException("Invalid --security-opt: \"" + opt + "\"");
      }
      if (key.equals("seccomp") && !value.equals("builtin") && !value.equals("unconfined")) {
        String profile;
        try {
          profile = java.nio.file.Files.readString(cwd.resolve(value));
        } catch (java.io.IOException e) {
          throw new IllegalArgumentException("opening seccomp profile (" + value + ") failed: open " + value
              + ": no such file or directory");
        }
        opt = "seccomp=" + JsonIndent.compact(profile);
      }
      out.add(opt);
    }
    return out;
  }

  /** opts.ConvertKVStringsToMap, as a sorted map (Go marshals map keys sorted). */
  static Map<String, String> keyValueMap(List<String> values) {
    return KeyValues.split(values, '=', new TreeMap<>());
  }

  private static List<String> nullIfEmpty(List<String> values) {
    return values.isEmpty() ? null : values;
  }

  private static long number(Flag flag) {
    return flag.string().isEmpty() ? 0 : Long.parseLong(flag.string());
  }
}
