package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.engine.container.config.ConfigCodec;
import io.berth.engine.container.config.Resources;
import java.util.Set;

/**
 * What {@code docker update} changes (moby's daemon/update.go): a field of the request replaces the
 * container's only when it is set (non-zero, non-empty); PidsLimit, a pointer, replaces when present.
 */
final class Updates {
  private Updates() {}

  /** The fields an update may change (their JSON names); any other set in a request is refused. */
  private static final Set<String> UPDATABLE = Set.of("Memory", "MemorySwap", "MemoryReservation", "NanoCpus",
      "CpuShares", "CpuPeriod", "CpuQuota", "CpusetCpus", "CpusetMems", "PidsLimit", "BlkioWeight");

  static Resources merge(Resources current, Resources request) {
    ConfigCodec.toMap(request).forEach((field, value) -> {
      if (!UPDATABLE.contains(field) && CreateFields.isSet(value)) {
        throw new BerthException.InvalidParameter("berth does not support updating " + field + " yet");
      }
    });
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
