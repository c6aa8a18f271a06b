package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.common.Units;
import java.util.Map;

/** {@code --log-opt} values berth honours: json-file's max-size and max-file. */
final class LogOptions {
  private LogOptions() {}

  private static String option(Map<String, Object> hostConfig, String name) {
    if (hostConfig.get("LogConfig") instanceof Map<?, ?> lc && lc.get("Config") instanceof Map<?, ?> opts
        && opts.get(name) instanceof String value && !value.isEmpty()) {
      return value;
    }
    return null;
  }

  /** Bytes after which the log is rotated; 0 for no limit. */
  static long maxSize(Map<String, Object> hostConfig) {
    String size = option(hostConfig, "max-size");
    if (size == null) {
      return 0;
    }
    try {
      return Units.ramInBytes(size);
    } catch (BerthException e) {
      throw new BerthException.InvalidParameter("invalid value for max-size: " + size);
    }
  }

  /** How many files the log keeps (the current one included); json-file's default is 1. */
  static int maxFile(Map<String, Object> hostConfig) {
    String files = option(hostConfig, "max-file");
    if (files == null) {
      return 1;
    }
    try {
      int n = Integer.parseInt(files);
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BerthException.InvalidParameter("invalid value for max-file: " + files);
    }
  }

  /** Checks both at create time, as Docker validates log options before anything exists. */
  static void validate(Map<String, Object> hostConfig) {
    long size = maxSize(hostConfig);
    int files = maxFile(hostConfig);
    if (files > 1 && size == 0) {
      throw new BerthException.InvalidParameter("max-file cannot be set without max-size");
    }
  }
}
