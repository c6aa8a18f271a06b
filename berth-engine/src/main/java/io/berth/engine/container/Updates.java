package io.berth.engine.container;

import io.berth.engine.container.config.Resources;

/**
 * What {@code docker update} changes (moby's daemon/update.go): a field of the request replaces the
 * container's only when it is set (non-zero, non-empty); PidsLimit, a pointer, replaces when present.
 */
final class Updates {
  private Updates() {}

  static Resources merge(Resources current, Resources request) {
    Resources.Builder b = current.toBuilder();
    if (request.memory() != 0) {
      b.memory = request.memory();
    }
    if (request.memorySwap() != 0) {
      b.memorySwap = request.memorySwap();
    }
    if (request.memoryReservation() != 0) {
      b.memoryReservation = request.memoryReservation();
    }
    if (request.nanoCpus() != 0) {
      b.nanoCpus = request.nanoCpus();
    }
    if (request.cpuShares() != 0) {
      b.cpuShares = request.cpuShares();
    }
    if (request.cpuPeriod() != 0) {
      b.cpuPeriod = request.cpuPeriod();
    }
    if (request.cpuQuota() != 0) {
      b.cpuQuota = request.cpuQuota();
    }
    if (!request.cpusetCpus().isEmpty()) {
      b.cpusetCpus = request.cpusetCpus();
    }
    if (!request.cpusetMems().isEmpty()) {
      b.cpusetMems = request.cpusetMems();
    }
    if (request.pidsLimit() != null) {
      b.pidsLimit = request.pidsLimit();
    }
    if (request.blkioWeight() != 0) {
      b.blkioWeight = request.blkioWeight();
    }
    return b.build();
  }
}
