package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.common.Units;
import java.util.Map;

/** {@code --log-opt} values berth honours (json-file's max-size); others are accepted and kept. */
final class LogOptions {
  private LogOptions() {}

  static long maxSize(Map<String, Object> hostConfig) {
    if (hostConfig.get("LogConfig") instanceof Map<?, ?> lc && lc.get("Config") instanceof Map<?, ?> opts
        && opts.get("max-size") instanceof String size && !size.isEmpty()) {
      try {
        return Units.fromHumanSize(size);
      } catch (BerthException e) {
        throw new BerthException.InvalidParameter("invalid value for max-size: " + size);
      }
    }
    return 0;
  }
}
