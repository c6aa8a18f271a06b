package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.common.Units;
import io.berth.engine.container.config.LogConfig;
import java.util.Set;

/**
 * The log drivers and options berth honours, checked as dockerd checks them (daemon/logger factory and
 * jsonfilelog): json-file and local keep the output (both as berth's own file, rotated by max-size and
 * max-file; local's defaults are 20m and 5 files), none keeps nothing. Drivers that ship elsewhere
 * (syslog, journald, ...) and options berth does not act on are refused, never accepted and dropped.
 */
final class LogOptions {
  private static final Set<String> DOCKER_DRIVERS = Set.of("json-file", "local", "none", "syslog", "journald",
      "gelf", "fluentd", "awslogs", "splunk", "etwlogs", "gcplogs", "logentries");
  private static final Set<String> FILE_OPTIONS = Set.of("max-size", "max-file", "compress", "mode",
      "max-buffer-size");
  private static final Set<String> COMMON_ATTRIBUTES = Set.of("env", "env-regex", "labels", "labels-regex", "tag");

  private LogOptions() {}

  /** Whether the container's output is kept for {@code docker logs}. */
  static boolean keepsLogs(LogConfig lc) {
    return !lc.type().equals("none");
  }

  /** Bytes after which the log is rotated; 0 for no limit. */
  static long maxSize(LogConfig lc) {
    String size = lc.option("max-size");
    if (size == null) {
      return lc.type().equals("local") ? 20L * 1024 * 1024 : 0;
    }
    long bytes;
    try {
      bytes = Units.fromHumanSize(size);
    } catch (BerthException e) {
      throw invalid("invalid size: '" + size + "'");
    }
    if (bytes <= 0) {
      throw invalid("max-size must be a positive number");
    }
    return bytes;
  }

  /** How many files the log keeps (the current one included); json-file's default is 1, local's 5. */
  static int maxFile(LogConfig lc) {
    String files = lc.option("max-file");
    if (files == null) {
      return lc.type().equals("local") ? 5 : 1;
    }
    int n;
    try {
      n = Integer.parseInt(files);
    } catch (NumberFormatException e) {
      throw invalid("strconv.Atoi: parsing \"" + files + "\": invalid syntax");
    }
    if (n < 1) {
      throw invalid("max-file cannot be less than 1");
    }
    return n;
  }

  /** Checks driver and options at create time, before anything exists. */
  static void validate(LogConfig lc) {
    String type = lc.type();
    if (type.equals("none")) {
      return;
    }
    String mode = lc.config().getOrDefault("mode", "");
    if (!mode.isEmpty() && !mode.equals("blocking") && !mode.equals("non-blocking")) {
      throw invalid("logger: logging mode not supported: " + mode);
    }
    if (lc.config().containsKey("max-buffer-size") && !mode.equals("non-blocking")) {
      throw invalid("logger: max-buffer-size option is only supported with 'mode=non-blocking'");
    }
    if (!DOCKER_DRIVERS.contains(type)) {
      throw invalid("logger: no log driver named '" + type + "' is registered");
    }
    if (!type.equals("json-file") && !type.equals("local")) {
      throw invalid("berth does not support the " + type + " log driver: use json-file, local or none");
    }
    for (String key : lc.config().keySet()) {
      if (COMMON_ATTRIBUTES.contains(key) && type.equals("json-file")) {
        throw invalid("berth does not support log opt '" + key + "' for json-file log driver");
      }
      if (!FILE_OPTIONS.contains(key)) {
        throw invalid(type.equals("local") ? "unknown log opt '" + key + "' for log driver local"
            : "unknown log opt '" + key + "' for json-file log driver");
      }
    }
    if (mode.equals("non-blocking")) {
      throw invalid("berth does not support log opt 'mode=non-blocking': its monitor always drains the output");
    }
    String compress = lc.config().get("compress");
    if (compress != null && !compress.equals("false")) {
      throw invalid("berth does not support log opt 'compress': rotated logs are kept uncompressed");
    }
    maxSize(lc);
    maxFile(lc);
  }

  private static BerthException.InvalidParameter invalid(String message) {
    return new BerthException.InvalidParameter(message);
  }
}
