package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.engine.container.config.ConfigCodec;
import io.berth.engine.container.config.Resources;
import java.util.Map;
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
    Map<String, Object> merged = ConfigCodec.toMap(current);
    ConfigCodec.toMap(request).forEach((field, value) -> {
      if (!UPDATABLE.contains(field)) {
        if (CreateFields.isSet(value)) {
          throw new BerthException.InvalidParameter("berth does not support updating " + field + " yet");
        }
      } else if (field.equals("PidsLimit") ? value != null : CreateFields.isSet(value)) {
        merged.put(field, value);
      }
    });
    return ConfigCodec.fromMap(merged, Resources.class);
  }
}
