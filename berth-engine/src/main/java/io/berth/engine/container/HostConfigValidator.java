package io.berth.engine.container;

import io.berth.common.BerthException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Docker's checks of a HostConfig before anything is created (daemon/daemon_unix.go
 * verifyPlatformContainerResources and restart policy validation): bad values are a 400.
 */
final class HostConfigValidator {
  private static final long MIN_MEMORY = 6 * 1024 * 1024;

  private HostConfigValidator() {}

  static void validate(Map<String, Object> hc, int hostCpus) {
    long memory = num(hc, "Memory");
    if (memory != 0 && memory < MIN_MEMORY) {
      throw invalid("Minimum memory limit allowed is 6MB");
    }
    long swap = num(hc, "MemorySwap");
    if (swap > 0 && memory == 0) {
      throw invalid("You should always set the Memory limit when using Memoryswap limit, see usage");
    }
    if (swap > 0 && swap < memory) {
      throw invalid("Minimum memoryswap limit should be larger than memory limit, see usage");
    }
    long reservation = num(hc, "MemoryReservation");
    if (reservation != 0 && reservation < MIN_MEMORY) {
      throw invalid("Minimum memory reservation allowed is 6MB");
    }
    if (memory > 0 && reservation > 0 && memory < reservation) {
      throw invalid("Minimum memory limit can not be less than memory reservation limit, see usage");
    }
    long nanoCpus = num(hc, "NanoCpus");
    if (nanoCpus != 0 && (num(hc, "CpuPeriod") != 0 || num(hc, "CpuQuota") != 0)) {
      throw invalid("Conflicting options: Nano CPUs and CPU Period cannot both be set");
    }
    if (nanoCpus < 0 || nanoCpus > (long) hostCpus * 1_000_000_000L) {
      throw invalid(String.format("Range of CPUs is from 0.01 to %d.00, as there are only %d CPUs available",
          hostCpus, hostCpus));
    }
    long period = num(hc, "CpuPeriod");
    if (period != 0 && (period < 1000 || period > 1_000_000)) {
      throw invalid("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
    }
    long quota = num(hc, "CpuQuota");
    if (quota != 0 && quota < 1000) {
      throw invalid("CPU cfs quota can not be less than 1ms (i.e. 1000)");
    }
    if (num(hc, "CpuShares") < 0) {
      throw invalid("invalid CPU shares (" + num(hc, "CpuShares") + "): value must be a positive integer");
    }
    long weight = num(hc, "BlkioWeight");
    if (weight != 0 && (weight < 10 || weight > 1000)) {
      throw invalid("Range of blkio weight is from 10 to 1000");
    }
    cpuset(hc, "CpusetCpus", hostCpus, "CPUs");
    cpuset(hc, "CpusetMems", 1, "Memory nodes"); // one NUMA node on this kind of host
    restartPolicy(hc);
  }

  private static void cpuset(Map<String, Object> hc, String key, int available, String what) {
    if (!(hc.get(key) instanceof String spec) || spec.isEmpty()) {
      return;
    }
    Set<Integer> wanted = parseList(spec, key);
    for (int cpu : wanted) {
      if (cpu >= available) {
        throw invalid("Requested " + what + " are not available - requested " + spec + ", available: "
            + (available == 1 ? "0" : "0-" + (available - 1)));
      }
    }
  }

  /** "0-2,4" as the kernel's list format; Docker's error for anything else. */
  static Set<Integer> parseList(String spec, String key) {
    Set<Integer> out = new TreeSet<>();
    for (String part : spec.split(",")) {
      try {
        int dash = part.indexOf('-');
        if (dash < 0) {
          out.add(Integer.parseInt(part.trim()));
        } else {
          int from = Integer.parseInt(part.substring(0, dash).trim());
          int to = Integer.parseInt(part.substring(dash + 1).trim());
          if (to < from) {
            throw new NumberFormatException();
          }
          for (int i = from; i <= to; i++) {
            out.add(i);
          }
        }
      } catch (NumberFormatException e) {
        throw invalid("Invalid value " + spec + " for " + (key.equals("CpusetCpus") ? "cpuset cpus" : "cpuset mems"));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void restartPolicy(Map<String, Object> hc) {
    if (!(hc.get("RestartPolicy") instanceof Map<?, ?> raw)) {
      return;
    }
    Map<String, Object> policy = (Map<String, Object>) raw;
    String name = policy.get("Name") instanceof String s ? s : "";
    long retries = num(policy, "MaximumRetryCount");
    switch (name) {
      case "", "no" -> {
        if (retries != 0) {
          throw invalid("invalid restart policy: maximum retry count can only be used with 'on-failure'");
        }
      }
      case "always", "unless-stopped" -> {
        if (retries != 0) {
          throw invalid("invalid restart policy: maximum retry count can only be used with 'on-failure'");
        }
        if (Boolean.TRUE.equals(hc.get("AutoRemove"))) {
          throw invalid("can't create 'AutoRemove' container with restart policy");
        }
      }
      case "on-failure" -> {
        if (retries < 0) {
          throw invalid("invalid restart policy: maximum retry count cannot be negative");
        }
        if (Boolean.TRUE.equals(hc.get("AutoRemove"))) {
          throw invalid("can't create 'AutoRemove' container with restart policy");
        }
      }
      default -> throw invalid("invalid restart policy: unknown policy '" + name
          + "'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
    }
  }

  static long num(Map<String, Object> m, String key) {
    return m.get(key) instanceof Number n ? n.longValue() : 0;
  }

  private static BerthException.InvalidParameter invalid(String message) {
    return new BerthException.InvalidParameter(message);
  }
}
