package io.berth.engine.container;

import io.berth.runtime.Cgroups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's resource use read from its cgroup, on cgroup v1 (one hierarchy per controller) and v2 (one
 * unified tree): the file names of each version live here. Directories come from {@link Cgroups#dir}.
 */
public final class CgroupMetrics {
  private static final boolean V2 = Cgroups.unified();

  /** One reading, in Docker's units (ns of CPU, bytes). */
  public record Sample(long cpuTotalNanos, List<Long> perCpuNanos, long cpuUserNanos, long cpuKernelNanos,
      long systemCpuNanos, int onlineCpus, Throttling throttling, long memoryUsage, long memoryLimit,
      Map<String, Long> memoryStats, long memoryFailcnt, long pidsCurrent, long pidsLimit, List<BlkioEntry> blkio,
      Map<String, long[]> networks) {}

  /** CFS bandwidth control: periods, throttled periods, throttled time in ns. */
  public record Throttling(long periods, long throttledPeriods, long throttledNanos) {}

  /** Bytes through one device: op is read/write on v2, v1's Read, Write, Sync, Async, Discard, Total. */
  public record BlkioEntry(long major, long minor, String op, long value) {}

  private CgroupMetrics() {}

  /** The reading of the cgroup at cgroupPath; pid is the container's init (its network namespace). */
  public static Sample sample(String cgroupPath, long pid) {
    Sample s = V2 ? v2(Cgroups.dir(cgroupPath), pid) : v1(cgroupPath, pid);
    long hostMemory = hostMemory();
    if (s.memoryLimit() <= 0 || s.memoryLimit() > hostMemory) { // "no limit" shows as the host's memory, as Docker
      return new Sample(s.cpuTotalNanos(), s.perCpuNanos(), s.cpuUserNanos(), s.cpuKernelNanos(), s.systemCpuNanos(),
          s.onlineCpus(), s.throttling(), s.memoryUsage(), hostMemory, s.memoryStats(), s.memoryFailcnt(),
          s.pidsCurrent(), s.pidsLimit(), s.blkio(), s.networks());
    }
    return s;
  }

  private static Sample v2(Path dir, long pid) {
    Map<String, Long> cpu = keyed(dir.resolve("cpu.stat"));
    List<BlkioEntry> blkio = new ArrayList<>();
    for (String line : lines(dir.resolve("io.stat"))) { // "MAJ:MIN rbytes=N wbytes=N rios=N ..."
      String[] f = line.trim().split("\\s+");
      String[] dev = f[0].split(":");
      if (dev.length != 2) {
        continue;
      }
      Map<String, Long> values = new LinkedHashMap<>();
      for (int i = 1; i < f.length; i++) {
        int eq = f[i].indexOf('=');
        if (eq > 0) {
          values.put(f[i].substring(0, eq), parse(f[i].substring(eq + 1)));
        }
      }
      blkio.add(new BlkioEntry(parse(dev[0]), parse(dev[1]), "read", values.getOrDefault("rbytes", 0L)));
      blkio.add(new BlkioEntry(parse(dev[0]), parse(dev[1]), "write", values.getOrDefault("wbytes", 0L)));
    }
    return new Sample(cpu.getOrDefault("usage_usec", 0L) * 1000, List.of(), cpu.getOrDefault("user_usec", 0L) * 1000,
        cpu.getOrDefault("system_usec", 0L) * 1000, systemCpu(), Runtime.getRuntime().availableProcessors(),
        new Throttling(cpu.getOrDefault("nr_periods", 0L), cpu.getOrDefault("nr_throttled", 0L),
            cpu.getOrDefault("throttled_usec", 0L) * 1000),
        number(dir.resolve("memory.current")), number(dir.resolve("memory.max")), keyed(dir.resolve("memory.stat")),
        keyed(dir.resolve("memory.events")).getOrDefault("oom", 0L), number(dir.resolve("pids.current")),
        number(dir.resolve("pids.max")), blkio, networks(pid));
  }

  private static Sample v1(String cgroupPath, long pid) {
    Path cpuacct = Cgroups.dir("cpuacct", cgroupPath);
    List<Long> perCpu = new ArrayList<>();
    for (String v : String.join(" ", lines(cpuacct.resolve("cpuacct.usage_percpu"))).trim().split("\\s+")) {
      if (!v.isEmpty()) {
        perCpu.add(Long.parseLong(v));
      }
    }
    Map<String, Long> ticks = keyed(cpuacct.resolve("cpuacct.stat"));
    long tick = 1_000_000_000L / 100; // USER_HZ
    Map<String, Long> cfs = keyed(Cgroups.dir("cpu", cgroupPath).resolve("cpu.stat"));
    Path mem = Cgroups.dir("memory", cgroupPath);
    Path pids = Cgroups.dir("pids", cgroupPath);
    List<BlkioEntry> blkio = new ArrayList<>();
    for (String line : lines(Cgroups.dir("blkio", cgroupPath).resolve("blkio.throttle.io_service_bytes"))) {
      String[] f = line.trim().split(" "); // "MAJ:MIN Op N"; the last line is "Total N"
      String[] dev = f[0].split(":");
      if (f.length == 3 && dev.length == 2) {
        blkio.add(new BlkioEntry(parse(dev[0]), parse(dev[1]), f[1], parse(f[2])));
      }
    }
    return new Sample(number(cpuacct.resolve("cpuacct.usage")), perCpu, ticks.getOrDefault("user", 0L) * tick,
        ticks.getOrDefault("system", 0L) * tick, systemCpu(), Runtime.getRuntime().availableProcessors(),
        new Throttling(cfs.getOrDefault("nr_periods", 0L), cfs.getOrDefault("nr_throttled", 0L),
            cfs.getOrDefault("throttled_time", 0L)),
        number(mem.resolve("memory.usage_in_bytes")), number(mem.resolve("memory.limit_in_bytes")),
        keyed(mem.resolve("memory.stat")), number(mem.resolve("memory.failcnt")), number(pids.resolve("pids.current")),
        number(pids.resolve("pids.max")), blkio, networks(pid));
  }

  /** All processes of the container, from its cgroup (v1: the pids hierarchy's). */
  public static List<Long> pids(String cgroupPath) {
    List<Long> pids = new ArrayList<>();
    for (String line : lines(Cgroups.dir("pids", cgroupPath).resolve("cgroup.procs"))) {
      if (!line.isBlank()) {
        pids.add(Long.parseLong(line.trim()));
      }
    }
    return pids;
  }

  /** The host's CPU time in ns, from /proc/stat's first line (as Docker's system_cpu_usage). */
  static long systemCpu() {
    for (String line : lines(Path.of("/proc/stat"))) {
      if (line.startsWith("cpu ")) {
        long ticks = 0;
        String[] f = line.trim().split("\\s+");
        for (int i = 1; i < Math.min(f.length, 8); i++) {
          ticks += Long.parseLong(f[i]);
        }
        return ticks * (1_000_000_000L / 100);
      }
    }
    return 0;
  }

  private static long hostMemory() {
    for (String line : lines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return Long.MAX_VALUE;
  }

  /** Interface counters inside the container's network namespace: rx/tx bytes, packets, errors, drops. */
  private static Map<String, long[]> networks(long pid) {
    Map<String, long[]> out = new LinkedHashMap<>();
    if (pid <= 0) {
      return out;
    }
    for (String line : lines(Path.of("/proc", Long.toString(pid), "net", "dev"))) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      if (name.equals("lo")) {
        continue;
      }
      String[] f = line.substring(colon + 1).trim().split("\\s+");
      out.put(name, new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
          Long.parseLong(f[3]), Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10]),
          Long.parseLong(f[11])});
    }
    return out;
  }

  private static Map<String, Long> keyed(Path file) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String line : lines(file)) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 2) {
        try {
          out.put(f[0], Long.parseLong(f[1]));
        } catch (NumberFormatException ignored) {
          // not a counter
        }
      }
    }
    return out;
  }

  private static long parse(String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static long number(Path file) {
    List<String> l = lines(file);
    if (l.isEmpty()) {
      return 0;
    }
    String v = l.getFirst().trim();
    if (v.equals("max")) {
      return 0;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      return List.of();
    }
  }
}
