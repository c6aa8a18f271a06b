package io.berth.cli;

import java.util.List;
import java.util.Map;

/**
 * Docker's {@code key=value} flag lists (opts.ConvertKVStringsToMap) and the like: each value split at its first
 * separator, a bare key taking the empty value, into a map the caller picks for the order Docker sends.
 */
final class KeyValues {
  private KeyValues() {}

  static <M extends Map<String, String>> M split(List<String> values, char separator, M out) {
    for (String value : values) {
      int at = value.indexOf(separator);
      out.put(at < 0 ? value : value.substring(0, at), at < 0 ? "" : value.substring(at + 1));
    }
    return out;
  }
}
