package io.berth.engine.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's resource use read from its cgroup (cgroupfs layout {@code <parent>/<id>}), on
 * cgroup v1 (one hierarchy per controller) and v2 (one unified tree).
 */
public final class CgroupMetrics {
  private static final Path ROOT = io.berth.runtime.Cgroups.ROOT;
  private static final boolean V2 = io.berth.runtime.Cgroups.unified();

  /** One reading, in Docker's units (ns of CPU, bytes). */
  public record Sample(long cpuTotalNanos, List<Long> perCpuNanos, long cpuUserNanos, long cpuKernelNanos,
      long systemCpuNanos, int onlineCpus, long memoryUsage, long memoryLimit, Map<String, Long> memoryStats,
      long pidsCurrent, long pidsLimit, long blkioRead, long blkioWrite, Map<String, long[]> networks) {}

  private CgroupMetrics() {}

  public static String cgroupPath(String id) {
    return "berth/" + id;
  }

  public static Sample sample(String id, long pid) {
    String rel = cgroupPath(id);
    long cpu;
    List<Long> perCpu = new ArrayList<>();
    long user = 0;
    long kernel = 0;
    long memUsage;
    long memLimit;
    Map<String, Long> memStats;
    long pids;
    long pidsMax;
    long read = 0;
    long write = 0;
    if (V2) {
      Path dir = ROOT.resolve(rel);
      Map<String, Long> cpuStat = keyed(dir.resolve("cpu.stat"));
      cpu = cpuStat.getOrDefault("usage_usec", 0L) * 1000;
      user = cpuStat.getOrDefault("user_usec", 0L) * 1000;
      kernel = cpuStat.getOrDefault("system_usec", 0L) * 1000;
      memUsage = number(dir.resolve("memory.current"));
      memLimit = number(dir.resolve("memory.max"));
      memStats = keyed(dir.resolve("memory.stat"));
      pids = number(dir.resolve("pids.current"));
      pidsMax = number(dir.resolve("pids.max"));
      for (String line : lines(dir.resolve("io.stat"))) {
        for (String field : line.split(" ")) {
          if (field.startsWith("rbytes=")) {
            read += Long.parseLong(field.substring(7));
          } else if (field.startsWith("wbytes=")) {
            write += Long.parseLong(field.substring(7));
          }
        }
      }
    } else {
      cpu = number(ROOT.resolve("cpuacct").resolve(rel).resolve("cpuacct.usage"));
      for (String v : String.join(" ", lines(ROOT.resolve("cpuacct").resolve(rel).resolve("cpuacct.usage_percpu")))
          .trim().split("\\s+")) {
        if (!v.isEmpty()) {
          perCpu.add(Long.parseLong(v));
        }
      }
      Map<String, Long> cpuacct = keyed(ROOT.resolve("cpuacct").resolve(rel).resolve("cpuacct.stat"));
      long tick = 1_000_000_000L / 100; // USER_HZ
      user = cpuacct.getOrDefault("user", 0L) * tick;
      kernel = cpuacct.getOrDefault("system", 0L) * tick;
      Path mem = ROOT.resolve("memory").resolve(rel);
      memUsage = number(mem.resolve("memory.usage_in_bytes"));
      memLimit = number(mem.resolve("memory.limit_in_bytes"));
      memStats = keyed(mem.resolve("memory.stat"));
      Path pidsDir = ROOT.resolve("pids").resolve(rel);
      pids = number(pidsDir.resolve("pids.current"));
      pidsMax = number(pidsDir.resolve("pids.max"));
      for (String line : lines(ROOT.resolve("blkio").resolve(rel).resolve("blkio.throttle.io_service_bytes"))) {
        String[] f = line.split(" ");
        if (f.length == 3 && f[1].equals("Read")) {
          read += Long.parseLong(f[2]);
        } else if (f.length == 3 && f[1].equals("Write")) {
          write += Long.parseLong(f[2]);
        }
      }
    }
    long hostMemory = hostMemory();
    if (memLimit <= 0 || memLimit > hostMemory) {
      memLimit = hostMemory; // "no limit" shows as the host's memory, as Docker does
    }
    return new Sample(cpu, perCpu, user, kernel, systemCpu(), Runtime.getRuntime().availableProcessors(), memUsage,
        memLimit, memStats, pids, pidsMax, read, write, networks(pid));
  }

  /** All processes of the container, from its pids cgroup. */
  public static List<Long> pids(String id) {
    Path procs = V2 ? ROOT.resolve(cgroupPath(id)).resolve("cgroup.procs")
        : ROOT.resolve("pids").resolve(cgroupPath(id)).resolve("cgroup.procs");
    List<Long> pids = new ArrayList<>();
    for (String line : lines(procs)) {
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
