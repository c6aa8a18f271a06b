package io.berth.cli;

import io.berth.common.Units;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One container's figures for {@code stats}, computed from a stats JSON object as the Docker
 * CLI's collect() does (Linux), and rendered as its statsContext fields.
 */
record StatsEntry(String container, String name, String id, double cpuPercent, double memory, double memoryLimit,
    double memoryPercent, double netRx, double netTx, double blockRead, double blockWrite, long pids,
    boolean invalid) {

  static final String DEFAULT_TABLE =
      "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";

  static final Map<String, String> HEADER = Map.of("Container", "CONTAINER", "Name", "NAME", "ID", "CONTAINER ID",
      "CPUPerc", "CPU %", "MemUsage", "MEM USAGE / LIMIT", "MemPerc", "MEM %", "NetIO", "NET I/O",
      "BlockIO", "BLOCK I/O", "PIDs", "PIDS");

  /** A container with no figures (yet): all shown as "--". */
  static StatsEntry invalid(String container, String name, String id) {
    return new StatsEntry(container, name, id, 0, 0, 0, 0, 0, 0, 0, 0, 0, true);
  }

  static StatsEntry of(String container, Map<String, Object> stats) {
    Map<?, ?> cpu = map(stats.get("cpu_stats"));
    Map<?, ?> precpu = map(stats.get("precpu_stats"));
    Map<?, ?> memory = map(stats.get("memory_stats"));
    double usage = number(memory.get("usage"));
    double used = memoryUsageNoCache(usage, map(memory.get("stats")));
    double limit = number(memory.get("limit"));
    double[] net = network(map(stats.get("networks")));
    double[] block = blockIo(map(stats.get("blkio_stats")));
    return new StatsEntry(container, str(stats.get("name")), str(stats.get("id")), cpuPercent(precpu, cpu), used,
        limit, limit != 0 ? used / limit * 100.0 : 0, net[0], net[1], block[0], block[1],
        (long) number(map(stats.get("pids_stats")).get("current")), false);
  }

  /** calculateCPUPercentUnix: the container's share of the host's CPU time, times online CPUs. */
  static double cpuPercent(Map<?, ?> previous, Map<?, ?> current) {
    double cpuDelta = number(map(current.get("cpu_usage")).get("total_usage"))
        - number(map(previous.get("cpu_usage")).get("total_usage"));
    double systemDelta = number(current.get("system_cpu_usage")) - number(previous.get("system_cpu_usage"));
    double online = number(current.get("online_cpus"));
    if (online == 0.0 && map(current.get("cpu_usage")).get("percpu_usage") instanceof List<?> percpu) {
      online = percpu.size();
    }
    return systemDelta > 0.0 && cpuDelta > 0.0 ? cpuDelta / systemDelta * online * 100.0 : 0.0;
  }

  /** calculateMemUsageUnixNoCache: usage minus inactive file pages (cgroup v1, then v2 key). */
  static double memoryUsageNoCache(double usage, Map<?, ?> stats) {
    if (stats.get("total_inactive_file") instanceof Number v1 && v1.doubleValue() < usage) {
      return usage - v1.doubleValue();
    }
    double v2 = number(stats.get("inactive_file"));
    return v2 < usage ? usage - v2 : usage;
  }

  private static double[] network(Map<?, ?> networks) {
    double rx = 0;
    double tx = 0;
    for (Object n : networks.values()) {
      rx += number(map(n).get("rx_bytes"));
      tx += number(map(n).get("tx_bytes"));
    }
    return new double[] {rx, tx};
  }

  private static double[] blockIo(Map<?, ?> blkio) {
    double read = 0;
    double write = 0;
    if (blkio.get("io_service_bytes_recursive") instanceof List<?> entries) {
      for (Object e : entries) {
        String op = str(map(e).get("op"));
        if (op.isEmpty()) {
          continue;
        }
        switch (op.charAt(0)) {
          case 'r', 'R' -> read += number(map(e).get("value"));
          case 'w', 'W' -> write += number(map(e).get("value"));
          default -> { }
        }
      }
    }
    return new double[] {read, write};
  }

  /** The template fields (statsContext). */
  Map<String, Object> row(boolean trunc) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("Container", container);
    row.put("Name", name.length() > 1 ? name.substring(1) : "--");
    row.put("ID", trunc ? ImageRows.truncateId(id) : id);
    row.put("CPUPerc", invalid ? "--" : percent(cpuPercent));
    row.put("MemUsage", invalid ? "-- / --" : Units.bytesSize(memory) + " / " + Units.bytesSize(memoryLimit));
    row.put("MemPerc", invalid ? "--" : percent(memoryPercent));
    row.put("NetIO", invalid ? "--" : Units.humanSize(netRx, 3) + " / " + Units.humanSize(netTx, 3));
    row.put("BlockIO", invalid ? "--" : Units.humanSize(blockRead, 3) + " / " + Units.humanSize(blockWrite, 3));
    row.put("PIDs", invalid ? "--" : Long.toString(pids));
    return row;
  }

  static String percent(double value) {
    return new java.math.BigDecimal(value).setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString() + "%";
  }

  private static Map<?, ?> map(Object o) {
    return o instanceof Map<?, ?> m ? m : Map.of();
  }

  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : 0;
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }
}
