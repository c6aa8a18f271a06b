package io.berth.daemon;

import io.berth.daemon.http.ListenAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * dockerd's config.Validate and the checks of its loadDaemonCliConfig, in that order and words:
 * values that no daemon accepts. (Values dockerd accepts but berth does not implement yet are
 * {@link SettingSupport}'s.)
 */
final class DaemonValidation {
  private DaemonValidation() {}

  static void validate(MergedSettings m) throws ConfigException {
    String level = m.string("log-level");
    if (!level.isEmpty() && !List.of("panic", "fatal", "error", "warn", "info", "debug", "trace")
        .contains(level.toLowerCase(Locale.ROOT))) {
      throw invalid("invalid logging level: " + level);
    }
    String format = m.string("log-format");
    if (!format.isEmpty() && !format.equals("text") && !format.equals("json")) {
      throw invalid("invalid log format: " + format);
    }
    for (String label : m.list("labels")) {
      validateLabel(label);
    }
    nonNegative(m, "mtu", "invalid default MTU: ");
    nonNegative(m, "max-concurrent-downloads", "invalid max concurrent downloads: ");
    nonNegative(m, "max-concurrent-uploads", "invalid max concurrent uploads: ");
    long attempts = numberOrDefault(m, "max-download-attempts");
    if (attempts < 1) { // dockerd: at least one attempt
      throw invalid("invalid max download attempts: " + attempts);
    }
    long port = number(m, "network-diagnostic-port");
    if (port < 0 || port > 65535) {
      throw invalid("invalid network-diagnostic-port (" + port + "): value must be between 0 and 65535");
    }
    for (String host : m.list("hosts")) {
      try {
        if (!host.isBlank()) {
          ListenAddress.parse(host);
        }
      } catch (IllegalArgumentException e) {
        throw invalid(e.getMessage());
      }
    }
    if (!m.string("api-cors-header").isEmpty()) {
      throw invalid("DEPRECATED: The \"api-cors-header\" config parameter and the dockerd \"--api-cors-header\" option"
          + " have been removed; use a reverse proxy if you need CORS headers");
    }
    execOptions(m.list("exec-opts"));
    ipcMode(m.string("default-ipc-mode"));
    String cgroupns = m.string("default-cgroupns-mode");
    if (!cgroupns.isEmpty() && !cgroupns.equals("host") && !cgroupns.equals("private")) {
      throw invalid("invalid default cgroup namespace (" + cgroupns + "): use \"host\" or \"private\"");
    }
    conflictFreeLabels(m.list("labels"));
  }

  private static ConfigException invalid(String message) {
    return new ConfigException(message, ConfigException.Kind.VALIDATION);
  }

  /** A number as given, else 0 (the checks here only refuse what was given). */
  static long number(MergedSettings m, String key) {
    Object value = SettingSupport.normalize(m.given(key));
    return value instanceof Long n ? n : 0;
  }

  /** A number as given, else the flag's default (dockerd's defaults, as the options take them). */
  static long numberOrDefault(MergedSettings m, String key) {
    Object value = SettingSupport.normalize(m.given(key));
    if (value instanceof Long n) {
      return n;
    }
    String fallback = m.string(key);
    return fallback.isEmpty() ? 0 : Long.parseLong(fallback);
  }

  private static void nonNegative(MergedSettings m, String key, String message) throws ConfigException {
    long value = number(m, key);
    if (value < 0) {
      throw invalid(message + value);
    }
  }

  /** opts.ValidateLabel. */
  static void validateLabel(String label) throws ConfigException {
    if (!label.contains("=")) {
      throw invalid("bad attribute format: " + label);
    }
    String lowered = label.toLowerCase(Locale.ROOT);
    if (lowered.startsWith("com.docker.") || lowered.startsWith("io.docker.") || lowered.startsWith("org.dockerproject.")) {
      throw invalid("label " + label + " is not allowed: the namespaces com.docker.*, io.docker.*, and org.dockerproject.*"
          + " are reserved for internal use");
    }
  }

  /** config.GetConflictFreeLabels: one key may not carry two values. */
  static void conflictFreeLabels(List<String> labels) throws ConfigException {
    Map<String, String> seen = new LinkedHashMap<>();
    for (String label : labels) {
      int eq = label.indexOf('=');
      String key = label.substring(0, eq);
      String value = label.substring(eq + 1);
      String before = seen.get(key);
      if (before != null && !before.equals(value)) {
        throw new ConfigException("conflict labels for " + key + "=" + value + " and " + key + "=" + before,
            ConfigException.Kind.PLAIN);
      }
      seen.put(key, value);
    }
  }

  /** config.parseExecOptions with Linux's validatePlatformExecOpt; the driver's value is checked at start-up. */
  static Map<String, String> execOptions(List<String> options) throws ConfigException {
    Map<String, String> parsed = new LinkedHashMap<>();
    for (String option : options) {
      int eq = option.indexOf('=');
      String key = (eq < 0 ? option : option.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : option.substring(eq + 1).strip();
      if (eq < 0 || key.isEmpty() || value.isEmpty()) {
        throw invalid("invalid exec-opt (" + option + "): must be formatted 'opt=value'");
      }
      switch (key) {
        case "isolation" -> throw invalid("invalid exec-opt (" + option + "): option 'isolation' is only supported on windows");
        case "native.cgroupdriver" -> parsed.put(key, value);
        default -> throw invalid("invalid exec-opt (" + option + "): unknown option: '" + key + "'");
      }
    }
    return parsed;
  }

  /** verifyDefaultIpcMode. */
  private static void ipcMode(String mode) throws ConfigException {
    String hint = "use \"shareable\" or \"private\"";
    boolean valid = switch (mode) {
      case "", "host", "private", "shareable", "none" -> true;
      default -> mode.startsWith("container:") && mode.length() > "container:".length();
    };
    if (!valid) {
      throw invalid("default IPC mode setting (" + mode + ") is invalid; " + hint);
    }
    if (!mode.isEmpty() && !mode.equals("private") && !mode.equals("shareable")) {
      throw invalid("IPC mode \"" + mode + "\" is not supported as default value; " + hint);
    }
  }
}
