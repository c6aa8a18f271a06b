package io.berth.daemon.api;

import io.berth.common.BerthException;
import io.berth.common.GoTime;
import io.berth.common.Json;
import io.berth.daemon.http.Request;
import io.berth.daemon.http.Response;
import io.berth.engine.Engine;
import io.berth.engine.container.CgroupMetrics;
import io.berth.engine.container.Container;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code top} and {@code stats}: what runs in a container and what it uses, in Docker's shapes. */
final class ContainerStats {
  private ContainerStats() {}

  static Response top(Engine engine, Request request) throws IOException {
    var table = engine.top().top(request.param("id"), request.query("ps_args"));
    return Response.json(Json.map("Titles", table.titles(), "Processes", table.processes()));
  }

  static Response stats(Engine engine, Request request) {
    Container c = engine.containers().find(request.param("id"));
    boolean oneShot = request.query().bool("one-shot", false);
    boolean stream = request.query().bool("stream", true) && !oneShot;
    return Response.stream(Response.JSON, out -> {
      Map<String, Object> previous = null;
      Instant previousTime = null;
      Container first = engine.containers().store().get(c.id()).orElse(c);
      if (!stream && !oneShot && first.state().running()) {
        // like dockerd: a single answer still carries a reading from a second before, so that
        // the CPU percentage covers that second rather than the container's whole life
        previous = sample(engine, first);
        previousTime = Instant.now();
        Thread.sleep(1000);
      }
      do {
        Container now = engine.containers().store().get(c.id()).orElse(c);
        Instant read = Instant.now();
        Map<String, Object> sample = now.state().running() ? sample(engine, now) : emptySample();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "/" + now.name());
        m.put("id", now.id());
        m.put("read", GoTime.rfc3339Nano(read));
        m.put("preread", GoTime.rfc3339Nano(previousTime == null ? Instant.parse("0001-01-01T00:00:00Z") : previousTime));
        m.putAll(sample);
        m.put("precpu_stats", previous == null ? emptyCpu() : previous.get("cpu_stats"));
        ImageRoutes.writeLine(out, m);
        previous = sample;
        previousTime = read;
        if (stream) {
          Thread.sleep(1000);
        }
      } while (stream && !request.clientClosed());
    });
  }

  private static Map<String, Object> sample(Engine engine, Container c) {
    CgroupMetrics.Sample s = CgroupMetrics.sample(engine.cgroups().path(c), c.state().pid());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pids_stats", Json.map("current", s.pidsCurrent(), "limit", s.pidsLimit()));
    List<Object> blkio = new ArrayList<>();
    for (CgroupMetrics.BlkioEntry e : s.blkio()) {
      blkio.add(Json.map("major", e.major(), "minor", e.minor(), "op", e.op(), "value", e.value()));
    }
    m.put("blkio_stats", Json.map("io_service_bytes_recursive", blkio.isEmpty() ? null : blkio, "io_serviced_recursive", null,
        "io_queue_recursive", null, "io_service_time_recursive", null, "io_wait_time_recursive", null,
        "io_merged_recursive", null, "io_time_recursive", null, "sectors_recursive", null));
    m.put("num_procs", 0);
    m.put("storage_stats", Map.of());
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("total_usage", s.cpuTotalNanos());
    if (!s.perCpuNanos().isEmpty()) {
      usage.put("percpu_usage", s.perCpuNanos());
    }
    usage.put("usage_in_kernelmode", s.cpuKernelNanos());
    usage.put("usage_in_usermode", s.cpuUserNanos());
    m.put("cpu_stats", Json.map("cpu_usage", usage, "system_cpu_usage", s.systemCpuNanos(),
        "online_cpus", s.onlineCpus(), "throttling_data", Json.map("periods", s.throttling().periods(),
            "throttled_periods", s.throttling().throttledPeriods(), "throttled_time", s.throttling().throttledNanos())));
    Map<String, Object> memory = new LinkedHashMap<>(Json.map("usage", s.memoryUsage(), "stats", s.memoryStats()));
    if (s.memoryFailcnt() > 0) { // omitempty; v2: memory.events' oom count, as dockerd
      memory.put("failcnt", s.memoryFailcnt());
    }
    memory.put("limit", s.memoryLimit());
    m.put("memory_stats", memory);
    Map<String, Object> networks = new LinkedHashMap<>();
    s.networks().forEach((name, v) -> networks.put(name, Json.map("rx_bytes", v[0], "rx_packets", v[1],
        "rx_errors", v[2], "rx_dropped", v[3], "tx_bytes", v[4], "tx_packets", v[5], "tx_errors", v[6],
        "tx_dropped", v[7])));
    if (!networks.isEmpty()) {
      m.put("networks", networks);
    }
    return m;
  }

  private static Map<String, Object> emptyCpu() {
    return Json.map("cpu_usage", Json.map("total_usage", 0, "usage_in_kernelmode", 0, "usage_in_usermode", 0),
        "throttling_data", Json.map("periods", 0, "throttled_periods", 0, "throttled_time", 0));
  }

  private static Map<String, Object> emptySample() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pids_stats", Map.of());
    m.put("blkio_stats", Json.map("io_service_bytes_recursive", null));
    m.put("num_procs", 0);
    m.put("storage_stats", Map.of());
    m.put("cpu_stats", emptyCpu());
    m.put("memory_stats", Map.of());
    return m;
  }
}
