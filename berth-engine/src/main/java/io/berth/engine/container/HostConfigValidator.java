package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.engine.container.config.ContainerConfig;
import io.berth.engine.container.config.HostConfig;
import io.berth.engine.container.config.NetworkMode;
import io.berth.engine.container.config.Resources;
import io.berth.engine.container.config.RestartPolicy;
import java.util.Set;
import java.util.TreeSet;

/**
 * Docker's checks of a HostConfig before anything is created (daemon/daemon_unix.go
 * verifyPlatformContainerResources and restart policy validation): bad values are a 400.
 */
final class HostConfigValidator {
  private static final long MIN_MEMORY = 6 * 1024 * 1024;

  private HostConfigValidator() {}

  /** Every check of a create request's HostConfig (and the Config fields it must agree with). */
  static void check(ContainerConfig config, HostConfig hc, int hostCpus) {
    if (hc.utsMode().equals("host") && !config.hostname().isEmpty()) {
      throw invalid("conflicting options: hostname and the UTS mode");
    }
    if (hc.networkMode() instanceof NetworkMode.Host && hc.links() != null && !hc.links().isEmpty()) {
      throw invalid("conflicting options: host type networking can't be used with links. This would result in "
          + "undefined behavior");
    }
    if (!hc.isolation().isEmpty() && !hc.isolation().equals("default")) {
      throw invalid("invalid isolation (" + hc.isolation() + "): linux only supports 'default'");
    }
    if (hc.resources().ioMaximumBandwidth() != 0) {
      throw invalid("invalid option: QoS maximum bandwidth configuration is not supported on linux");
    }
    if (hc.resources().ioMaximumIOps() != 0) {
      throw invalid("invalid option: QoS maximum IOPs configuration is not supported on linux");
    }
    if (hc.oomScoreAdj() < -1000 || hc.oomScoreAdj() > 1000) {
      throw invalid("Invalid value " + hc.oomScoreAdj() + ", range for oom score adj is [-1000, 1000]");
    }
    if (hc.shmSize() < 0) {
      throw invalid("SHM size can not be less than 0");
    }
    healthcheck(config.healthcheck());
    validate(hc, hostCpus);
    LogOptions.validate(hc.logConfig().type().isEmpty()
        ? new io.berth.engine.container.config.LogConfig("json-file", hc.logConfig().config()) : hc.logConfig());
  }

  /** dockerd's checks of a health check's timings: each at least 1ms when set, retries not negative. */
  private static void healthcheck(io.berth.engine.container.config.HealthConfig h) {
    if (h == null) {
      return;
    }
    long minimum = 1_000_000L; // containertypes.MinimumDuration
    if (h.interval() != 0 && h.interval() < minimum) {
      throw invalid("Interval in Healthcheck cannot be less than 1ms");
    }
    if (h.timeout() != 0 && h.timeout() < minimum) {
      throw invalid("Timeout in Healthcheck cannot be less than 1ms");
    }
    if (h.retries() < 0) {
      throw invalid("Retries in Healthcheck cannot be negative");
    }
    if (h.startPeriod() != 0 && h.startPeriod() < minimum) {
      throw invalid("StartPeriod in Healthcheck cannot be less than 1ms");
    }
    if (h.startInterval() != 0 && h.startInterval() < minimum) {
      throw invalid("StartInterval in Healthcheck cannot be less than 1ms");
    }
  }

  static void validate(HostConfig hc, int hostCpus) {
    validate(hc.resources(), hostCpus);
    restartPolicy(hc.restartPolicy(), hc.autoRemove());
  }

  static void validate(Resources hc, int hostCpus) {
    long memory = hc.memory();
    if (memory != 0 && memory < MIN_MEMORY) {
      throw invalid("Minimum memory limit allowed is 6MB");
    }
    long swap = hc.memorySwap();
    if (swap > 0 && memory == 0) {
      throw invalid("You should always set the Memory limit when using Memoryswap limit, see usage");
    }
    if (swap > 0 && swap < memory) {
      throw invalid("Minimum memoryswap limit should be larger than memory limit, see usage");
    }
    long reservation = hc.memoryReservation();
    if (reservation != 0 && reservation < MIN_MEMORY) {
      throw invalid("Minimum memory reservation allowed is 6MB");
    }
    if (memory > 0 && reservation > 0 && memory < reservation) {
      throw invalid("Minimum memory limit can not be less than memory reservation limit, see usage");
    }
    long nanoCpus = hc.nanoCpus();
    if (nanoCpus != 0 && (hc.cpuPeriod() != 0 || hc.cpuQuota() != 0)) {
      throw invalid("Conflicting options: Nano CPUs and CPU Period cannot both be set");
    }
    if (nanoCpus < 0 || nanoCpus > (long) hostCpus * 1_000_000_000L) {
      throw invalid(String.format("Range of CPUs is from 0.01 to %d.00, as there are only %d CPUs available",
          hostCpus, hostCpus));
    }
    long period = hc.cpuPeriod();
    if (period != 0 && (period < 1000 || period > 1_000_000)) {
      throw invalid("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
    }
    long quota = hc.cpuQuota();
    if (quota != 0 && quota < 1000) {
      throw invalid("CPU cfs quota can not be less than 1ms (i.e. 1000)");
    }
    if (hc.cpuShares() < 0) {
      throw invalid("invalid CPU shares (" + hc.cpuShares() + "): value must be a positive integer");
    }
    long weight = hc.blkioWeight();
    if (weight != 0 && (weight < 10 || weight > 1000)) {
      throw invalid("Range of blkio weight is from 10 to 1000");
    }
    cpuset(hc.cpusetCpus(), "CpusetCpus", hostCpus, "CPUs");
    cpuset(hc.cpusetMems(), "CpusetMems", 1, "Memory nodes"); // one NUMA node on this kind of host
  }

  private static void cpuset(String spec, String key, int available, String what) {
    if (spec.isEmpty()) {
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

  private static void restartPolicy(RestartPolicy policy, boolean autoRemove) {
    String name = policy.name();
    long retries = policy.maximumRetryCount();
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
        if (autoRemove) {
          throw invalid("can't create 'AutoRemove' container with restart policy");
        }
      }
      case "on-failure" -> {
        if (retries < 0) {
          throw invalid("invalid restart policy: maximum retry count cannot be negative");
        }
        if (autoRemove) {
          throw invalid("can't create 'AutoRemove' container with restart policy");
        }
      }
      default -> throw invalid("invalid restart policy: unknown policy '" + name
          + "'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
    }
  }

  private static BerthException.InvalidParameter invalid(String message) {
    return new BerthException.InvalidParameter(message);
  }
}
