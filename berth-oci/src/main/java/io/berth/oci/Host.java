package io.berth.oci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts about the host (as the daemon sees it) that shape a spec: the architecture for seccomp, the kernel
 * for the profile's minKernel rules, the daemon's own capabilities (what {@code --privileged} and
 * {@code --cap-add ALL} grant, as moby's caps.initCaps reads them), its rlimits (the ceiling for
 * {@code --ulimit} without CAP_SYS_RESOURCE), the sysctls that exist, and the /dev to copy for
 * {@code --privileged}. {@link #current()} reads them; tests build their own.
 *
 * @param goArch     GOARCH-style name: amd64, arm64, ...
 * @param daemonCaps the capabilities in the daemon's effective set, CAP_ names, in bit order
 * @param rlimits    the daemon's limits by go-units name (nofile, nproc, ...): [soft, hard], -1 = unlimited
 * @param nrOpen     fs.nr_open, the kernel's ceiling for RLIMIT_NOFILE
 * @param sysctls    the names among those the builder may set that exist on this host
 * @param devDir     the host's /dev, for {@code --privileged}
 */
public record Host(String goArch, KernelVersion kernel, List<String> daemonCaps, Map<String, long[]> rlimits,
           long nrOpen, Set<String> sysctls, Path devDir) {

  public Host {
    daemonCaps = List.copyOf(daemonCaps);
    rlimits = Map.copyOf(rlimits);
    sysctls = Set.copyOf(sysctls);
  }

  /** This machine, read from /proc. */
  public static Host current() {
    try {
      String status = Files.readString(Path.of("/proc/self/status"));
      long capEff = 0;
      for (String line : status.split("\n")) {
        if (line.startsWith("CapEff:")) {
          capEff = Long.parseUnsignedLong(line.substring(7).trim(), 16);
        }
      }
      Set<String> sysctls = new HashSet<>();
      for (String name : List.of(DockerDefaults.SYSCTL_PING_GROUP_RANGE,
          DockerDefaults.SYSCTL_UNPRIVILEGED_PORT_START)) {
        if (Files.exists(Path.of("/proc/sys", name.replace('.', '/')))) {
          sysctls.add(name);
        }
      }
      return new Host(goArch(System.getProperty("os.arch")),
          KernelVersion.parse(Files.readString(Path.of("/proc/sys/kernel/osrelease"))),
          Capabilities.fromBitmap(capEff),
          parseLimits(Files.readString(Path.of("/proc/self/limits"))),
          Long.parseLong(Files.readString(Path.of("/proc/sys/fs/nr_open")).trim()),
          sysctls, Path.of("/dev"));
    } catch (IOException e) {
      throw new UncheckedIOException("reading host facts from /proc", e);
    }
  }

  /** Whether the daemon may raise hard rlimits (and so a container's above its own). */
  public boolean canRaiseLimits() {
    return daemonCaps.contains("CAP_SYS_RESOURCE");
  }

  static String goArch(String javaArch) {
    return io.berth.common.GoArch.of(javaArch);
  }

  // /proc/<pid>/limits row names → go-units ulimit names
  private static final Map<String, String> LIMIT_ROWS = Map.ofEntries(
      Map.entry("Max cpu time", "cpu"), Map.entry("Max file size", "fsize"),
      Map.entry("Max data size", "data"), Map.entry("Max stack size", "stack"),
      Map.entry("Max core file size", "core"), Map.entry("Max resident set", "rss"),
      Map.entry("Max processes", "nproc"), Map.entry("Max open files", "nofile"),
      Map.entry("Max locked memory", "memlock"), Map.entry("Max file locks", "locks"),
      Map.entry("Max pending signals", "sigpending"), Map.entry("Max msgqueue size", "msgqueue"),
      Map.entry("Max nice priority", "nice"), Map.entry("Max realtime priority", "rtprio"),
      Map.entry("Max realtime timeout", "rttime"));

  /** Parses /proc/self/limits: fixed columns, names are the first 26 characters. */
  static Map<String, long[]> parseLimits(String text) {
    Map<String, long[]> limits = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.length() < 26) {
        continue;
      }
      String name = LIMIT_ROWS.get(line.substring(0, 26).trim());
      if (name == null) {
        continue;
      }
      String[] values = line.substring(26).trim().split("\\s+");
      if (values.length >= 2) {
        limits.put(name, new long[]{limitValue(values[0]), limitValue(values[1])});
      }
    }
    return limits;
  }

  private static long limitValue(String s) {
    return s.equals("unlimited") ? -1 : Long.parseUnsignedLong(s);
  }
}
