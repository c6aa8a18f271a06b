package io.berth.registry.server;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code detail} object of an error body, keys in the order given. */
final class Detail {
  private Detail() {}

  static Map<String, Object> of(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
