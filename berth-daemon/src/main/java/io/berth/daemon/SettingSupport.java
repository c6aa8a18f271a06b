package io.berth.daemon;

import static java.util.Map.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Which of dockerd's settings berth honours, and which it refuses at start-up because it does not
 * implement them yet. Every daemon.json key and flag of dockerd is in exactly one of the two
 * tables (DaemonConfigTest checks it): nothing is accepted and silently dropped.
 *
 * <p>To honour a setting, move its line from {@link #NOT_YET} to {@link #HONOURED} (and pass the
 * value from {@link DaemonOptions} to where it is used).
 */
final class SettingSupport {
  private SettingSupport() {}

  /**
   * Settings berth implements, or that change nothing in dockerd 28 either (deprecated ones it
   * ignores). Their values are checked where they are used.
   */
  static final Set<String> HONOURED = Set.of(
      "allow-nondistributable-artifacts", // deprecated: dockerd ignores it (pushing them is the default)
      "api-cors-header",                  // dockerd refuses it; so does berth (DaemonValidation)
      "bip", "bridge",
      "cgroup-parent",                    // the parent of containers without their own (CgroupLayout)
      "data-root", "debug", "default-address-pools", "default-runtime",
      "dns", "dns-opts", "dns-search",    // the containers' defaults (DnsDefaults)
      "deprecated-key-path",              // deprecated: dockerd ignores it
      "exec-opts",                        // native.cgroupdriver=cgroupfs; systemd is refused (StartupChecks)
      "exec-root", "group", "hosts",
      "ip", "iptables", "ip6tables", "mtu", // DaemonNetwork
      "userland-proxy",                   // berthd's own forwarder (IPv6 host addresses), never a process
      "labels",
      "live-restore",                     // containers keep running when berthd stops (Lifecycle.close)
      "log-level", "pidfile",
      "restart",                          // deprecated: dockerd ignores it
      "runtimes", "storage-driver",
      // the registry client (engine/distribution: RegistryConfig)
      "insecure-registries", "registry-mirrors", "max-concurrent-downloads", "max-concurrent-uploads",
      "max-download-attempts",
      "registry-certs-dir",               // berth's own: its certs.d beside /etc/docker/certs.d
      "storage-opts",                     // overlay2 and vfs options are checked as dockerd does (StartupChecks)
      "tls", "tlscacert", "tlscert", "tlskey", "tlsverify");

  /**
   * Settings berth does not implement yet, each with the values berth already behaves as (mostly
   * dockerd's default): any other value is refused with {@link #refusal}.
   */
  static final Map<String, Predicate<Object>> NOT_YET = Map.ofEntries(
      // containers
      entry("cpu-rt-period", is(0L)),
      entry("cpu-rt-runtime", is(0L)),
      entry("default-cgroupns-mode", value -> value.equals("") || value.equals(hostCgroupnsMode())),
      entry("default-ipc-mode", value -> value.equals("") || value.equals("private")),
      entry("default-shm-size", value -> Objects.equals(sizeInBytes(value), 64L << 20)),
      entry("default-ulimits", is(Map.of())),
      entry("init", is(false)),
      entry("init-path", is("")),
      entry("log-driver", is("json-file")),
      entry("log-opts", is(Map.of())),
      entry("no-new-privileges", is(false)),
      entry("seccomp-profile", value -> value.equals("builtin") || value.equals("")),
      entry("selinux-enabled", is(false)),
      entry("shutdown-timeout", is(15L)),
      entry("userns-remap", is("")),
      entry("rootless", is(false)),
      entry("authorization-plugins", is(List.of())),
      entry("cdi-spec-dirs", value -> value instanceof List<?> l && (l.isEmpty() || l.equals(List.of("")))),
      // the daemon itself
      entry("experimental", is(false)),
      entry("features", SettingSupport::allFeaturesOff),
      entry("builder", is(Map.of())),
      entry("log-format", is("text")),
      entry("raw-logs", is(true)),             // berth never colours its log and always writes full timestamps
      entry("metrics-addr", is("")),
      entry("containerd", is("")),
      entry("containerd-namespace", is("moby")),
      entry("containerd-plugins-namespace", is("plugins.moby")),
      entry("cri-containerd", is(false)),
      // networking (the default bridge, DNS, ports)
      entry("allow-direct-routing", is(false)),
      entry("bip6", is("")),
      entry("default-gateway", is("")),
      entry("default-gateway-v6", is("")),
      entry("default-network-opts", is(Map.of())),
      entry("fixed-cidr", is("")),
      entry("fixed-cidr-v6", is("")),
      entry("host-gateway-ip", is("")),
      entry("host-gateway-ips", is(List.of())),
      entry("icc", is(true)),
      entry("ip-forward", is(true)),
      entry("ip-forward-no-drop", is(true)),  // berth never sets the FORWARD policy to DROP
      entry("ip-masq", is(true)),
      entry("ipv6", is(false)),
      entry("userland-proxy-path", is("")),
      // registries and image transfer
      entry("http-proxy", is("")),
      entry("https-proxy", is("")),
      entry("no-proxy", is("")),
      // swarm
      entry("network-control-plane-mtu", is(1500L)),
      entry("network-diagnostic-port", is(0L)),
      entry("node-generic-resources", is(List.of())),
      entry("swarm-default-advertise-addr", is("")));

  /** The refusal of every setting given with a value berth does not implement yet, or null. */
  static String refusal(MergedSettings settings) {
    List<String> refused = new ArrayList<>();
    for (Map.Entry<String, Predicate<Object>> rule : new TreeMap<>(NOT_YET).entrySet()) {
      String key = rule.getKey();
      Object value = normalize(settings.given(key));
      if (value != null && !rule.getValue().test(value)) {
        refused.add(key + " (from " + settings.source(key) + ": " + DaemonOptions.goValue(settings.given(key)) + ")");
      }
    }
    for (Map.Entry<String, Object> runtime : settings.map("runtimes").entrySet()) {
      if (runtime.getValue() instanceof Map<?, ?> spec) {
        for (String field : List.of("runtimeArgs", "runtimeType", "options")) {
          if (spec.containsKey(field)) {
            refused.add("runtimes (from file: " + runtime.getKey() + "." + field + ")");
          }
        }
      }
    }
    return refused.isEmpty() ? null : "berth does not support the following directives yet: " + String.join(", ", refused);
  }

  /** The cgroup namespace berth gives containers, as dockerd's default: private on cgroup v2 hosts, else the host's. */
  static String hostCgroupnsMode() {
    return io.berth.engine.system.Host.cgroupV2() ? "private" : "host";
  }

  private static Predicate<Object> is(Object accepted) {
    return value -> value.equals(accepted);
  }

  /** Values as one type whatever their source: whole numbers as Long, lists and maps element-wise. */
  static Object normalize(Object value) {
    return switch (value) {
      case null -> null;
      case Number n when n.doubleValue() == Math.rint(n.doubleValue()) -> n.longValue();
      case List<?> list -> list.stream().map(SettingSupport::normalize).toList();
      case Map<?, ?> map -> {
        Map<Object, Object> copy = new TreeMap<>();
        map.forEach((k, v) -> copy.put(k, normalize(v)));
        yield copy;
      }
      default -> value;
    };
  }

  /** {@code features} may only switch features off: berth has none of dockerd's optional ones (buildkit, CDI, ...). */
  private static boolean allFeaturesOff(Object value) {
    if (value instanceof List<?> flags) { // --feature NAME[=BOOL]
      return flags.stream().allMatch(f -> String.valueOf(f).endsWith("=false"));
    }
    return value instanceof Map<?, ?> map && map.values().stream().allMatch(Boolean.FALSE::equals);
  }

  /** A size as dockerd's MemBytes reads it (a number of bytes, {@code 64m}, {@code 64MiB}); null if unreadable. */
  private static Long sizeInBytes(Object value) {
    try {
      return value instanceof Long n ? n : io.berth.common.Units.ramInBytes(String.valueOf(value));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
