package io.berth.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code update}: changes resource limits and the restart policy of containers. */
final class UpdateCommand extends AbstractCommand {
  private final Flag blkioWeight = flags.string(null, "blkio-weight", "uint16",
      "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)").convert(FlagValues.unsigned(16));
  private final Flag cpuPeriod = flags.integer(null, "cpu-period", "int", "Limit CPU CFS (Completely Fair Scheduler) period");
  private final Flag cpuQuota = flags.integer(null, "cpu-quota", "int", "Limit CPU CFS (Completely Fair Scheduler) quota");
  private final Flag cpuRtPeriod = flags.integer(null, "cpu-rt-period", "int", "Limit the CPU real-time period in microseconds");
  private final Flag cpuRtRuntime = flags.integer(null, "cpu-rt-runtime", "int", "Limit the CPU real-time runtime in microseconds");
  private final Flag cpuShares = flags.integer("c", "cpu-shares", "int", "CPU shares (relative weight)");
  private final Flag cpus = flags.string(null, "cpus", "decimal", "Number of CPUs").convert(FlagValues::nanoCpus);
  private final Flag cpusetCpus = flags.string(null, "cpuset-cpus", "string", "CPUs in which to allow execution (0-3, 0,1)");
  private final Flag cpusetMems = flags.string(null, "cpuset-mems", "string", "MEMs in which to allow execution (0-3, 0,1)");
  private final Flag memory = flags.string("m", "memory", "bytes", "Memory limit").convert(FlagValues::memBytes);
  private final Flag memoryReservation = flags.string(null, "memory-reservation", "bytes", "Memory soft limit")
      .convert(FlagValues::memBytes);
  private final Flag memorySwap = flags.string(null, "memory-swap", "bytes",
      "Swap limit equal to memory plus swap: -1 to enable unlimited swap").convert(FlagValues::memSwapBytes);
  private final Flag pidsLimit = flags.integer(null, "pids-limit", "int", "Tune container pids limit (set -1 for unlimited)");
  private final Flag restart = flags.string(null, "restart", "string", "Restart policy to apply when a container exits");

  /** The UpdateConfig body: Resources (unset pointers null) and the RestartPolicy. */
  Map<String, Object> body() {
    Map<String, Object> restartPolicy;
    try {
      restartPolicy = CreateBody.restartPolicy(restart.string());
    } catch (IllegalArgumentException e) {
      throw new CliError(e.getMessage(), 1);
    }
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("CpuShares", cpuShares.longValue());
    b.put("Memory", number(memory));
    b.put("NanoCpus", number(cpus));
    b.put("CgroupParent", "");
    b.put("BlkioWeight", number(blkioWeight));
    for (String key : new String[] {"BlkioWeightDevice", "BlkioDeviceReadBps", "BlkioDeviceWriteBps",
        "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps"}) {
      b.put(key, null);
    }
    b.put("CpuPeriod", cpuPeriod.longValue());
    b.put("CpuQuota", cpuQuota.longValue());
    b.put("CpuRealtimePeriod", cpuRtPeriod.longValue());
    b.put("CpuRealtimeRuntime", cpuRtRuntime.longValue());
    b.put("CpusetCpus", cpusetCpus.string());
    b.put("CpusetMems", cpusetMems.string());
    b.put("Devices", null);
    b.put("DeviceCgroupRules", null);
    b.put("DeviceRequests", null);
    b.put("MemoryReservation", number(memoryReservation));
    b.put("MemorySwap", number(memorySwap));
    b.put("MemorySwappiness", null);
    b.put("OomKillDisable", null);
    b.put("PidsLimit", pidsLimit.changed() ? pidsLimit.longValue() : null);
    b.put("Ulimits", null);
    b.put("CpuCount", 0);
    b.put("CpuPercent", 0);
    b.put("IOMaximumIOps", 0);
    b.put("IOMaximumBandwidth", 0);
    b.put("RestartPolicy", restartPolicy);
    return b;
  }

  private static long number(Flag flag) {
    return flag.string().isEmpty() ? 0 : Long.parseLong(flag.string());
  }

  @Override
  public int run(CliContext ctx) {
    Args.atLeast(flags.args(), 1, "update");
    if (flags.flags().stream().noneMatch(Flag::changed)) {
      throw new CliError("you must provide one or more flags when using this command", 1);
    }
    Map<String, Object> body = body();
    List<String> warnings = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String container : flags.args()) {
      try {
        Map<String, Object> response = ctx.containers().update(container, body);
        ctx.out().println(container);
        warnings.addAll(ImageRows.strings(response.get("Warnings")));
      } catch (io.berth.common.BerthException | io.berth.client.DaemonException e) {
        errors.add("Error response from daemon: " + e.getMessage());
      }
    }
    if (!warnings.isEmpty()) {
      ctx.out().println(String.join("\n", warnings));
    }
    if (!errors.isEmpty()) {
      throw new CliError(String.join("\n", errors), 1);
    }
    return 0;
  }
}
