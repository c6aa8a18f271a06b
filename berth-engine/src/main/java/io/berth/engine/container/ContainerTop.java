package io.berth.engine.container;

import io.berth.common.BerthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** {@code docker top}: as dockerd, the host's ps, keeping the rows whose PID is in the container's cgroup. */
public record ContainerTop(ContainerStore store, ContainerCgroups cgroups) {
  /** ps's column titles and the container's rows. */
  public record Table(List<String> titles, List<List<String>> processes) {}

  public Table top(String idOrName, String psArgs) throws IOException {
    Container c = store.find(idOrName);
    if (!c.state().running()) {
      throw new BerthException.Conflict("Container " + c.id() + " is not running");
    }
    List<String> cmd = new ArrayList<>(List.of("ps"));
    cmd.addAll(Arrays.asList((psArgs == null || psArgs.isEmpty() ? "-ef" : psArgs).trim().split("\\s+")));
    Process ps = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (ps.waitFor() != 0) {
        throw new BerthException.InvalidParameter("Error running ps: " + output.trim());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted running ps");
    }
    List<String> lines = output.lines().toList();
    if (lines.isEmpty()) {
      throw new BerthException.InvalidParameter("Error running ps: no output");
    }
    String[] titles = lines.getFirst().trim().split("\\s+");
    int pidColumn = Arrays.asList(titles).indexOf("PID");
    if (pidColumn < 0) {
      throw new BerthException.InvalidParameter("Couldn't find PID field in ps output");
    }
    Set<Long> pids = Set.copyOf(CgroupMetrics.pids(cgroups.path(c)));
    List<List<String>> processes = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.trim().split("\\s+", titles.length);
      if (fields.length <= pidColumn) {
        continue;
      }
      try {
        if (pids.contains(Long.parseLong(fields[pidColumn]))) {
          processes.add(List.of(fields));
        }
      } catch (NumberFormatException ignored) {
        // not a process row
      }
    }
    return new Table(List.of(titles), processes);
  }
}
