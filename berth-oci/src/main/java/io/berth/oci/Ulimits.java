package io.berth.oci;

import io.berth.common.BerthException;
import io.berth.common.GoQuote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** go-units' ulimit parsing, moby's merge with the daemon's default-ulimits, and the host ceiling check. */
public final class Ulimits {
  /** The names go-units accepts (ulimitNameMapping). */
  public static final Set<String> NAMES = Set.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue",
      "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

  private Ulimits() {
  }

  /** go-units ParseUlimit: {@code name=soft[:hard]}, hard defaulting to soft, -1 for unlimited. */
  public static Ulimit parse(String value) {
    int eq = value.indexOf('=');
    if (eq < 0) {
      throw new BerthException.InvalidParameter("invalid ulimit argument: " + value);
    }
    String name = value.substring(0, eq);
    String limits = value.substring(eq + 1);
    if (!NAMES.contains(name)) {
      throw new BerthException.InvalidParameter("invalid ulimit type: " + name);
    }
    String[] parts = limits.split(":", -1);
    if (parts.length > 2) {
      throw new BerthException.InvalidParameter("too many limit value arguments - " + limits
          + ", can only have up to two, `soft[:hard]`");
    }
    long soft = parseInt(parts[0]);
    long hard = parts.length == 2 ? parseInt(parts[1]) : soft;
    if (hard != -1) {
      if (soft == -1) {
        throw new BerthException.InvalidParameter(
            "ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: " + hard);
      }
      if (soft > hard) {
        throw new BerthException.InvalidParameter(
            "ulimit soft limit must be less than or equal to hard limit: " + soft + " > " + hard);
      }
    }
    return new Ulimit(name, soft, hard);
  }

  /** Go's strconv.ParseInt(s, 10, 64) with its error text. */
  private static long parseInt(String s) {
    if (!s.matches("[+-]?[0-9]+")) {
      throw new BerthException.InvalidParameter("strconv.ParseInt: parsing " + GoQuote.quote(s) + ": invalid syntax");
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new BerthException.InvalidParameter(
          "strconv.ParseInt: parsing " + GoQuote.quote(s) + ": value out of range");
    }
  }

  /** moby's mergeUlimits: the container's own, then the daemon's defaults for names the container did not set. */
  public static List<Ulimit> merge(List<Ulimit> container, Map<String, Ulimit> daemonDefaults) {
    List<Ulimit> merged = new ArrayList<>(container);
    Map<String, Ulimit> sorted = new LinkedHashMap<>();
    daemonDefaults.keySet().stream().sorted().forEach(k -> sorted.put(k, daemonDefaults.get(k)));
    for (Map.Entry<String, Ulimit> e : sorted.entrySet()) {
      if (container.stream().noneMatch(u -> u.name().equals(e.getKey()))) {
        merged.add(e.getValue());
      }
    }
    return merged;
  }

  /**
   * Refuses, at create time, limits the OCI runtime could not apply: a hard limit above the daemon's own when
   * the daemon lacks CAP_SYS_RESOURCE (runc's setrlimit would fail with EPERM at start), and a nofile limit
   * above fs.nr_open (EPERM even with the capability).
   */
  public static void checkHost(List<Ulimit> ulimits, Host host) {
    for (Ulimit u : ulimits) {
      if (!NAMES.contains(u.name())) {
        throw new BerthException.InvalidParameter("invalid ulimit type: " + u.name());
      }
      if (u.name().equals("nofile") && above(u.hard(), host.nrOpen())) {
        throw new BerthException.InvalidParameter("ulimit " + u.name() + ": hard limit " + show(u.hard())
            + " is above the kernel's maximum of " + host.nrOpen() + " open files (fs.nr_open)");
      }
      long[] daemon = host.rlimits().get(u.name());
      if (daemon != null && !host.canRaiseLimits() && above(u.hard(), daemon[1])) {
        throw new BerthException.InvalidParameter("ulimit " + u.name() + ": hard limit " + show(u.hard())
            + " is above the daemon's hard limit of " + show(daemon[1])
            + ", which it cannot raise without CAP_SYS_RESOURCE");
      }
    }
  }

  /** Compares limits as the kernel does: -1 (RLIM_INFINITY) is the largest. */
  private static boolean above(long value, long ceiling) {
    return Long.compareUnsigned(value, ceiling) > 0;
  }

  private static String show(long limit) {
    return limit == -1 ? "unlimited" : Long.toString(limit);
  }
}
