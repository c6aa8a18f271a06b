package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.client.JsonParser;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stats figures as the Docker CLI computes and prints them. */
class StatsEntryTest {
  @SuppressWarnings("unchecked")
  private static StatsEntry entry(String json) throws IOException {
    return StatsEntry.of("web", (Map<String, Object>) JsonParser.parse(json));
  }

  @Test
  void cgroupV1Sample() throws IOException {
    StatsEntry e = entry("""
        {"name":"/web","id":"bc8cdcd3dbca00e5575413eb2845d62139b78ed3264d942de264420912867d03",
         "cpu_stats":{"cpu_usage":{"total_usage":300000000,"percpu_usage":[1,2,3,4]},"system_cpu_usage":2000000000},
         "precpu_stats":{"cpu_usage":{"total_usage":100000000},"system_cpu_usage":1000000000},
         "memory_stats":{"usage":10485760,"limit":104857600,"stats":{"total_inactive_file":1048576,"inactive_file":5}},
         "networks":{"eth0":{"rx_bytes":1500,"tx_bytes":648},"eth1":{"rx_bytes":500,"tx_bytes":0}},
         "blkio_stats":{"io_service_bytes_recursive":[{"op":"Read","value":4096},{"op":"Write","value":8192},
           {"op":"read","value":4096},{"op":"Total","value":1}]},
         "pids_stats":{"current":3}}""");
    // (200M / 1000M) × 4 online CPUs (from percpu_usage) × 100
    assertEquals(80.0, e.cpuPercent(), 1e-9);
    assertEquals(9437184.0, e.memory());
    assertEquals(9.0, e.memoryPercent(), 1e-9);
    Map<String, Object> row = e.row(true);
    assertEquals("bc8cdcd3dbca", row.get("ID"));
    assertEquals("web", row.get("Name"));
    assertEquals("80.00%", row.get("CPUPerc"));
    assertEquals("9MiB / 100MiB", row.get("MemUsage"));
    assertEquals("9.00%", row.get("MemPerc"));
    assertEquals("2kB / 648B", row.get("NetIO"));
    assertEquals("8.19kB / 8.19kB", row.get("BlockIO"));
    assertEquals("3", row.get("PIDs"));
  }

  @Test
  void cgroupV2UsesInactiveFileAndOnlineCpus() throws IOException {
    StatsEntry e = entry("""
        {"name":"/x","id":"abc","cpu_stats":{"cpu_usage":{"total_usage":50},"system_cpu_usage":1000,"online_cpus":2},
         "precpu_stats":{"cpu_usage":{"total_usage":0},"system_cpu_usage":0},
         "memory_stats":{"usage":393216,"limit":24000000000,"stats":{"inactive_file":4096}},"pids_stats":{"current":1}}""");
    assertEquals(10.0, e.cpuPercent(), 1e-9);
    assertEquals("380KiB / 22.35GiB", e.row(true).get("MemUsage"));
    assertEquals("0.00%", e.row(true).get("MemPerc"));
  }

  @Test
  void noDeltaMeansZeroAndStoppedContainersShowZeros() throws IOException {
    StatsEntry e = entry("{\"name\":\"/p3\",\"id\":\"0a3a2c7c12d4\",\"cpu_stats\":{},\"precpu_stats\":{},\"memory_stats\":{}}");
    Map<String, Object> row = e.row(true);
    assertEquals("0.00%", row.get("CPUPerc"));
    assertEquals("0B / 0B", row.get("MemUsage"));
    assertEquals("0.00%", row.get("MemPerc"));
    assertEquals("0", row.get("PIDs"));
  }

  @Test
  void invalidEntriesShowDashes() {
    Map<String, Object> row = StatsEntry.invalid("web", "", "web").row(true);
    assertEquals("--", row.get("Name"));
    assertEquals("--", row.get("CPUPerc"));
    assertEquals("-- / --", row.get("MemUsage"));
  }

  @Test
  void percentRoundsLikeFormatFloat() {
    assertEquals("0.38%", StatsEntry.percent(0.375));
    assertEquals("12.35%", StatsEntry.percent(12.345678));
  }

  @Test
  void streamingFrameMatchesDocker282() {
    assertEquals("\033[HA\nb\n\033[HA \033[K\nb \033[K\n \033[K\n\033[J", StatsCommand.redraw("A\nb\n"));
  }
}
