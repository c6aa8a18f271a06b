package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.common.Filters;
import io.berth.engine.image.Images;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** {@code docker ps}: the containers to list, with Docker's filters and their errors. */
record ContainerListing(ContainerStore store, Images images) {
  private static final Set<String> LIST_FILTERS = Set.of("id", "name", "label", "status", "exited", "ancestor",
      "before", "since", "health", "network", "volume", "is-task", "publish", "expose");

  /** Newest first, filtered as Docker filters. */
  List<Container> list(Filters filters, boolean all, int limit) {
    filters.validate(LIST_FILTERS);
    Instant before = filters.has("before") ? store.find(filters.get("before").getLast()).created() : null;
    Instant since = filters.has("since") ? store.find(filters.get("since").getLast()).created() : null;
    for (String status : filters.get("status")) {
      if (!Set.of("created", "restarting", "running", "removing", "paused", "exited", "dead").contains(status)) {
        throw new BerthException.InvalidParameter("invalid filter 'status=" + status + "'");
      }
    }
    for (String health : filters.get("health")) {
      if (!Set.of(Health.STARTING, Health.HEALTHY, Health.UNHEALTHY, "none").contains(health)) {
        throw new BerthException.InvalidParameter("Unrecognised filter value for health: " + health);
      }
    }
    for (String task : filters.get("is-task")) {
      if (!task.equals("true") && !task.equals("false")) {
        throw new BerthException.InvalidParameter("Invalid filter 'is-task=" + task + "'");
      }
    }
    List<Container> sorted = new ArrayList<>(store.all());
    sorted.sort(Comparator.comparing(Container::created).reversed());
    boolean showAll = all || filters.has("status") || filters.has("exited") || limit > 0 || before != null
        || since != null;
    List<Container> out = new ArrayList<>();
    for (Container c : sorted) {
      if (!showAll && !c.state().running()) {
        continue;
      }
      if (!filters.anyOrNone("id", v -> c.id().startsWith(v))
          || !filters.anyOrNone("name", v -> c.name().contains(v.startsWith("/") ? v.substring(1) : v))
          || !filters.anyOrNone("status", v -> v.equals(c.state().status()))
          || !filters.anyOrNone("exited", v -> !c.state().running() && c.state().status().equals("exited")
              && String.valueOf(c.state().exitCode()).equals(v))
          || !filters.anyOrNone("ancestor", v -> ancestorMatches(v, c))
          || !filters.anyOrNone("health", v -> v.equals(healthStatus(c)))
          || !filters.anyOrNone("network", v -> v.equals(Lifecycle.networkMode(c)))
          || !filters.anyOrNone("is-task", v -> v.equals("false")) // no swarm: no container is a task
          || !filters.anyOrNone("expose", v -> exposes(c, v))
          || !filters.anyOrNone("publish", v -> false) // no port is published by this berth
          || !filters.anyOrNone("volume", v -> mounts(v, c))
          || (filters.has("label") && !Filters.labelsMatch(filters.get("label"), c.labels()))
          || (before != null && !c.created().isBefore(before))
          || (since != null && !c.created().isAfter(since))) {
        continue;
      }
      out.add(c);
      if (limit > 0 && out.size() == limit) {
        break;
      }
    }
    return out;
  }

  /** ps's health filter values: the health status, or none for a container without a check. */
  private static String healthStatus(Container c) {
    return c.state().health() == null || HealthMonitor.command(c) == null ? "none" : c.state().health().status();
  }

  /** {@code expose=80}, {@code 80/tcp}, or a range {@code 8000-8080/tcp}. */
  private static boolean exposes(Container c, String value) {
    if (c.config().exposedPorts() == null) {
      return false;
    }
    String[] parts = value.split("/", 2);
    String proto = parts.length == 2 ? parts[1] : "tcp";
    String[] range = parts[0].split("-", 2);
    try {
      int from = Integer.parseInt(range[0]);
      int to = range.length == 2 ? Integer.parseInt(range[1]) : from;
      for (String port : c.config().exposedPorts().values()) {
        String[] p = port.split("/", 2);
        int n = Integer.parseInt(p[0]);
        if ((p.length == 2 ? p[1] : "tcp").equals(proto) && n >= from && n <= to) {
          return true;
        }
      }
    } catch (NumberFormatException e) {
      throw new BerthException.InvalidParameter("invalid port: " + value);
    }
    return false;
  }

  /** ps's volume filter: a mount's destination, or its volume's name (a bind's source). */
  private static boolean mounts(String value, Container c) {
    return c.mountPoints().stream().anyMatch(m -> m.destination().equals(value)
        || (m.name().isEmpty() ? m.source() : m.name()).equals(value));
  }

  private boolean ancestorMatches(String value, Container c) {
    try {
      return images.resolve(value).id().equals(c.image());
    } catch (BerthException e) {
      return false;
    }
  }
}
