package io.berth.oci;

/**
 * One {@code --ulimit} (HostConfig.Ulimits entry): name as go-units knows it (nofile, nproc, ...), soft and hard
 * limits, -1 meaning unlimited.
 */
public record Ulimit(String name, long soft, long hard) {
  /** The rlimit type in an OCI spec: RLIMIT_NOFILE, ... */
  public String rlimitType() {
    return "RLIMIT_" + name.toUpperCase(java.util.Locale.ROOT);
  }

  /** Docker's String(): {@code nofile=1024:2048}. */
  @Override
  public String toString() {
    return name + "=" + soft + ":" + hard;
  }
}
