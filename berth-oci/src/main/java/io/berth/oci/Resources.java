package io.berth.oci;

/**
 * The cgroup limits of HostConfig that go into {@code linux.resources}. Zero means "not set" as in Docker's
 * HostConfig; the nullable ones are pointers in Docker's API.
 *
 * @param memory            bytes ({@code -m}); 0 = unlimited
 * @param memoryReservation bytes; 0 = none
 * @param memorySwap        memory plus swap in bytes; 0 = default (twice memory when memory is set), -1 = unlimited
 * @param memorySwappiness  0-100 or null
 * @param cpuShares         relative weight; 0 = default
 * @param nanoCpus          {@code --cpus} times 1e9; becomes quota over a 100 ms period
 * @param cpuPeriod         microseconds ({@code --cpu-period}); overrides the period from nanoCpus
 * @param cpuQuota          microseconds ({@code --cpu-quota}); overrides the quota from nanoCpus
 * @param pidsLimit         null = unset; 0 or less = unlimited (-1 in the spec)
 * @param blkioWeight       10-1000; 0 = unset
 * @param oomKillDisable    null = unset
 */
public record Resources(long memory, long memoryReservation, long memorySwap, Long memorySwappiness,
            long cpuShares, long nanoCpus, long cpuPeriod, long cpuQuota,
            String cpusetCpus, String cpusetMems, Long pidsLimit, int blkioWeight,
            Boolean oomKillDisable) {
  private static final Resources NONE = new Resources(0, 0, 0, null, 0, 0, 0, 0, "", "", null, 0, null);

  public Resources {
    cpusetCpus = cpusetCpus == null ? "" : cpusetCpus;
    cpusetMems = cpusetMems == null ? "" : cpusetMems;
  }

  public static Resources none() {
    return NONE;
  }

  /**
   * Docker's create-time adaptation (adaptContainerSettings): with a memory limit and no swap setting, swap is
   * twice the memory. The engine stores the result in HostConfig so inspect shows it; the spec builder applies
   * it too, so forgetting it here cannot change the limits.
   */
  public Resources withDockerDefaults() {
    if (memory > 0 && memorySwap == 0) {
      return new Resources(memory, memoryReservation, memory * 2, memorySwappiness, cpuShares, nanoCpus,
          cpuPeriod, cpuQuota, cpusetCpus, cpusetMems, pidsLimit, blkioWeight, oomKillDisable);
    }
    return this;
  }

  /** {@code --cpus 1.5} as NanoCPUs, the way the Docker CLI converts it (big.Rat, exact for decimals). */
  public static long nanoCpus(String cpus) {
    java.math.BigDecimal value;
    try {
      value = new java.math.BigDecimal(cpus.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("failed to parse " + cpus + " as a rational number");
    }
    java.math.BigDecimal nano = value.multiply(java.math.BigDecimal.valueOf(1_000_000_000L));
    if (nano.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException("value is too precise");
    }
    return nano.longValueExact();
  }
}
