package io.berth.cli;

import io.berth.common.BerthException;
import io.berth.common.Units;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The checks the Docker CLI runs as each flag value is set (its opts package: MemBytes,
 * NanoCPUs, ValidateEnv, ValidateIPAddress, ...). Each returns the value to store, normalized as
 * Docker stores it, or throws IllegalArgumentException with Docker's reason.
 */
final class FlagValues {
  private static final Pattern DEVICE_CGROUP_RULE = Pattern.compile("^[acb] ([0-9]+|\\*):([0-9]+|\\*) [rwm]{1,3}$");
  private static final Pattern DOMAIN = Pattern.compile(
      "^(:?(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]*[a-zA-Z0-9])\\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9\\-]*[A-Za-z0-9]))$");
  private static final Pattern DURATION_PART = Pattern.compile("([0-9]*(\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");

  private FlagValues() {}

  /** opts.MemBytes: go-units RAMInBytes, stored as the byte count. */
  static String memBytes(String value) {
    try {
      return Long.toString(Units.ramInBytes(value));
    } catch (BerthException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  /** The CLI's validateTag for {@code build -t}: a reference it can parse (a digest is the daemon's to refuse). */
  static String tag(String value) {
    try {
      io.berth.common.ImageReference.parse(value);
      return value;
    } catch (BerthException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  /** opts.MemSwapBytes: like MemBytes, and "-1" for unlimited. */
  static String memSwapBytes(String value) {
    return value.equals("-1") ? "-1" : memBytes(value);
  }

  /** opts.NanoCPUs: a decimal number of CPUs, stored in billionths. */
  static String nanoCpus(String value) {
    BigDecimal cpus;
    try {
      cpus = new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("failed to parse " + value + " as a rational number");
    }
    BigDecimal nano = cpus.movePointRight(9);
    if (nano.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException("value is too precise");
    }
    return nano.toBigInteger().toString();
  }

  /** strconv.ParseUint(v, 10, bits) as pflag reports it. */
  static Flag.Converter unsigned(int bits) {
    return value -> {
      if (!value.matches("[0-9]+")) {
        throw new IllegalArgumentException("strconv.ParseUint: parsing \"" + value + "\": invalid syntax");
      }
      BigDecimal n = new BigDecimal(value);
      if (n.compareTo(BigDecimal.valueOf(2).pow(bits)) >= 0) {
        throw new IllegalArgumentException("strconv.ParseUint: parsing \"" + value + "\": value out of range");
      }
      return n.toBigInteger().toString();
    };
  }

  /** Go's time.ParseDuration, stored as nanoseconds. */
  static String duration(String value) {
    String s = value;
    boolean negative = false;
    if (s.startsWith("-") || s.startsWith("+")) {
      negative = s.startsWith("-");
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return "0";
    }
    var m = DURATION_PART.matcher(s);
    int pos = 0;
    BigDecimal total = BigDecimal.ZERO;
    while (pos < s.length()) {
      if (!m.find(pos) || m.start() != pos || m.group(1).isEmpty() || m.group(1).equals(".")) {
        throw new IllegalArgumentException("time: invalid duration \"" + value + "\"");
      }
      long unit = switch (m.group(3)) {
        case "ns" -> 1L;
        case "us", "µs", "μs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)));
      pos = m.end();
    }
    if (pos == 0) {
      throw new IllegalArgumentException("time: invalid duration \"" + value + "\"");
    }
    long nanos = total.longValue();
    return Long.toString(negative ? -nanos : nanos);
  }

  /** opts.ValidateEnv's syntax check; the lookup of bare names happens when the body is built. */
  static String env(String value) {
    int eq = value.indexOf('=');
    if ((eq < 0 ? value : value.substring(0, eq)).isEmpty()) {
      throw new IllegalArgumentException("invalid environment variable: " + value);
    }
    return value;
  }

  /** validateAttach: one of the three streams, any case. */
  static String attach(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.equals("stdin") || lower.equals("stdout") || lower.equals("stderr")) {
      return lower;
    }
    throw new IllegalArgumentException("valid streams are STDIN, STDOUT and STDERR");
  }

  /** opts.ValidateIPAddress. */
  static String ipAddress(String value) {
    String ip = value.strip();
    if (!isIp(ip)) {
      throw new IllegalArgumentException("IP address is not correctly formatted: " + value);
    }
    return ip;
  }

  static boolean isIp(String text) {
    if (text.isEmpty() || !text.matches("[0-9a-fA-F:.]+")) {
      return false;
    }
    try {
      InetAddress.ofLiteral(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** opts.ValidateDNSSearch. */
  static String dnsSearch(String value) {
    String domain = value.strip();
    if (domain.equals(".")) {
      return domain;
    }
    String trimmed = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    if (trimmed.length() > 255 || !DOMAIN.matcher(trimmed).matches()) {
      throw new IllegalArgumentException(domain + " is not a valid domain");
    }
    return domain;
  }

  /** opts.ValidateExtraHost: host:ip or host=ip, ip may be host-gateway or [v6]. */
  static String extraHost(String value) {
    int sep = value.indexOf('=');
    if (sep < 0) {
      sep = value.indexOf(':');
    }
    if (sep <= 0) {
      throw new IllegalArgumentException("bad format for add-host: \"" + value + "\"");
    }
    String ip = value.substring(sep + 1);
    if (!ip.equals("host-gateway")) {
      if (ip.length() > 2 && ip.startsWith("[") && ip.endsWith("]")) {
        ip = ip.substring(1, ip.length() - 1);
      }
      if (!isIp(ip)) {
        throw new IllegalArgumentException("invalid IP address in add-host: \"" + ip + "\"");
      }
    }
    return value;
  }

  /** opts.ValidateLink: name[:alias]. */
  static String link(String value) {
    String[] parts = value.split(":", -1);
    if (parts.length > 2 || parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
      throw new IllegalArgumentException("bad format for links: " + value);
    }
    return value;
  }

  static String deviceCgroupRule(String value) {
    if (!DEVICE_CGROUP_RULE.matcher(value).matches()) {
      throw new IllegalArgumentException("invalid device cgroup format '" + value + "'");
    }
    return value;
  }

  /** go-units ParseUlimit: name=soft[:hard]; stored normalized as name=soft:hard. */
  static String ulimit(String value) {
    int eq = value.indexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException("invalid ulimit argument: " + value);
    }
    String name = value.substring(0, eq);
    if (!ULIMIT_NAMES.contains(name)) {
      throw new IllegalArgumentException("invalid ulimit type: " + name);
    }
    String[] limits = value.substring(eq + 1).split(":", -1);
    if (limits.length > 2) {
      throw new IllegalArgumentException("too many limit value arguments - " + value.substring(eq + 1)
          + ", can only have up to two, `soft[:hard]`");
    }
    long soft = ulimitNumber(limits[0]);
    long hard = limits.length == 2 ? ulimitNumber(limits[1]) : soft;
    if (soft > hard) {
      throw new IllegalArgumentException("ulimit soft limit must be less than or equal to hard limit: " + soft
          + " > " + hard);
    }
    return name + "=" + soft + ":" + hard;
  }

  private static final java.util.Set<String> ULIMIT_NAMES = java.util.Set.of("core", "cpu", "data", "fsize",
      "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

  private static long ulimitNumber(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("strconv.ParseInt: parsing \"" + text + "\": invalid syntax");
    }
  }

  /** opts.ValidateSysctl: only namespaced sysctls may be set. */
  static String sysctl(String value) {
    int eq = value.indexOf('=');
    String key = eq < 0 ? value : value.substring(0, eq);
    if (eq >= 0) {
      for (String name : new String[] {"kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
          "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced"}) {
        if (key.equals(name)) {
          return value;
        }
      }
      if (key.startsWith("fs.mqueue.") || key.startsWith("net.")) {
        return value;
      }
    }
    throw new IllegalArgumentException("sysctl '" + value + "' is not allowed");
  }

  /** opts.ValidateWeightDevice: path:weight with weight 10..1000 (or 0). */
  static String weightDevice(String value) {
    int colon = value.lastIndexOf(':');
    if (colon < 0 || !value.startsWith("/dev/")) {
      throw new IllegalArgumentException("bad format: " + value);
    }
    long weight;
    try {
      weight = Long.parseLong(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid weight for device: " + value);
    }
    if (weight > 0 && (weight < 10 || weight > 1000)) {
      throw new IllegalArgumentException("invalid weight for device: " + value);
    }
    return value.substring(0, colon) + ":" + weight;
  }

  /** opts.ValidateThrottleBpsDevice: path:rate with a size unit. */
  static String throttleBps(String value) {
    int colon = value.lastIndexOf(':');
    if (colon < 0 || !value.startsWith("/dev/")) {
      throw new IllegalArgumentException("bad format: " + value);
    }
    try {
      return value.substring(0, colon) + ":" + Units.ramInBytes(value.substring(colon + 1));
    } catch (BerthException e) {
      throw new IllegalArgumentException("invalid rate for device: " + value
          + ". The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. "
          + "Unit is optional and can be kb, mb, or gb");
    }
  }

  /** opts.ValidateThrottleIOpsDevice: path:count. */
  static String throttleIops(String value) {
    int colon = value.lastIndexOf(':');
    if (colon < 0 || !value.startsWith("/dev/")) {
      throw new IllegalArgumentException("bad format: " + value);
    }
    try {
      long rate = Long.parseLong(value.substring(colon + 1));
      if (rate < 0) {
        throw new NumberFormatException();
      }
      return value.substring(0, colon) + ":" + rate;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid rate for device: " + value
          + ". The correct format is <device-path>:<number>. Number must be a positive integer");
    }
  }

  /** opts.ValidateLabel-free map flags (--annotation, --sysctl) need a key. */
  static String keyValue(String value) {
    if (value.isEmpty() || value.startsWith("=")) {
      throw new IllegalArgumentException("invalid key: empty");
    }
    return value;
  }
}
