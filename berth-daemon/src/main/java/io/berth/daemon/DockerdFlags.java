package io.berth.daemon;

import io.berth.daemon.DaemonFlags.Kind;
import io.berth.daemon.DaemonFlags.Spec;
import java.util.List;

/**
 * Every flag of dockerd 28.2 on Linux (moby {@code cmd/dockerd/options.go}, {@code config.go},
 * {@code config_unix.go}, {@code docker.go}), with its daemon.json name (the named option's name
 * where the flag is one, else the flag's), default and help text. Whether berth honours or
 * refuses each setting is decided in {@link SettingSupport}; this table only says what exists.
 */
final class DockerdFlags {
  private DockerdFlags() {}

  private static Spec flag(String name, Kind kind, String configKey, String defaultValue, String usage) {
    return new Spec(name, null, kind, configKey, defaultValue, usage, false, null);
  }

  private static Spec flag(String name, char shorthand, Kind kind, String configKey, String defaultValue, String usage) {
    return new Spec(name, shorthand, kind, configKey, defaultValue, usage, false, null);
  }

  /** Hidden from --help; using it prints pflag's deprecation notice when there is one. */
  private static Spec hidden(String name, Character shorthand, Kind kind, String configKey, String defaultValue,
      String usage, String notice) {
    return new Spec(name, shorthand, kind, configKey, defaultValue, usage, true, notice);
  }

  static final List<Spec> SPECS = List.of(
      flag("add-runtime", Kind.LIST, "runtimes", null, "Register an additional OCI compatible runtime"),
      flag("allow-direct-routing", Kind.BOOL, "allow-direct-routing", null, "Allow remote access to published ports on container IP addresses"),
      hidden("allow-nondistributable-artifacts", null, Kind.LIST, "allow-nondistributable-artifacts", null,
          "Allow push of nondistributable artifacts to registry", "Pushing nondistributable artifacts is now enabled by default. "),
      hidden("api-cors-header", null, Kind.STRING, "api-cors-header", null,
          "Set CORS headers in the Engine API; deprecated: this feature was deprecated in 27.0, and now removed",
          "accessing Docker API through a browser is insecure; use a reverse proxy if you need CORS headers"),
      flag("authorization-plugin", Kind.LIST, "authorization-plugins", null, "Authorization plugins to load"),
      flag("bip", Kind.STRING, "bip", null, "IPv4 address for the default bridge"),
      flag("bip6", Kind.STRING, "bip6", null, "IPv6 address for the default bridge"),
      flag("bridge", 'b', Kind.STRING, "bridge", null, "Attach containers to a network bridge"),
      flag("cdi-spec-dir", Kind.LIST, "cdi-spec-dirs", null, "CDI specification directories to use"),
      flag("cgroup-parent", Kind.STRING, "cgroup-parent", null, "Set parent cgroup for all containers"),
      flag("config-file", Kind.STRING, null, "/etc/berth/daemon.json", "Daemon configuration file"),
      flag("containerd", Kind.STRING, "containerd", null, "containerd grpc address"),
      flag("containerd-namespace", Kind.STRING, "containerd-namespace", "moby", "Containerd namespace to use"),
      flag("containerd-plugins-namespace", Kind.STRING, "containerd-plugins-namespace", "plugins.moby", "Containerd namespace to use for plugins"),
      flag("cpu-rt-period", Kind.INT, "cpu-rt-period", null,
          "Limit the CPU real-time period in microseconds for the parent cgroup for all containers (not supported with cgroups v2)"),
      flag("cpu-rt-runtime", Kind.INT, "cpu-rt-runtime", null,
          "Limit the CPU real-time runtime in microseconds for the parent cgroup for all containers (not supported with cgroups v2)"),
      flag("cri-containerd", Kind.BOOL, "cri-containerd", null, "start containerd with cri"),
      flag("data-root", Kind.STRING, "data-root", "/var/lib/berth", "Root directory of persistent berth state"),
      flag("debug", 'D', Kind.BOOL, "debug", null, "Enable debug mode"),
      flag("default-address-pool", Kind.LIST, "default-address-pools", null, "Default address pools for node specific local networks"),
      flag("default-cgroupns-mode", Kind.STRING, "default-cgroupns-mode", null, "Default mode for containers cgroup namespace (\"host\" | \"private\")"),
      flag("default-gateway", Kind.STRING, "default-gateway", null, "Default gateway IPv4 address for the default bridge network"),
      flag("default-gateway-v6", Kind.STRING, "default-gateway-v6", null, "Default gateway IPv6 address for the default bridge network"),
      flag("default-ipc-mode", Kind.STRING, "default-ipc-mode", "private", "Default mode for containers ipc (\"shareable\" | \"private\")"),
      flag("default-network-opt", Kind.LIST, "default-network-opts", null, "Default network options"),
      flag("default-runtime", Kind.STRING, "default-runtime", null, "Default OCI runtime for containers"),
      flag("default-shm-size", Kind.STRING, "default-shm-size", "64MiB", "Default shm size for containers"),
      flag("default-ulimit", Kind.LIST, "default-ulimits", null, "Default ulimits for containers"),
      flag("dns", Kind.LIST, "dns", null, "DNS server to use"),
      flag("dns-opt", Kind.LIST, "dns-opts", null, "DNS options to use"),
      flag("dns-search", Kind.LIST, "dns-search", null, "DNS search domains to use"),
      flag("exec-opt", Kind.LIST, "exec-opts", null, "Runtime execution options"),
      flag("exec-root", Kind.STRING, "exec-root", "/run/berth", "Root directory for execution state files"),
      flag("experimental", Kind.BOOL, "experimental", null, "Enable experimental features"),
      flag("feature", Kind.LIST, "features", null, "Enable feature in the daemon"),
      flag("fixed-cidr", Kind.STRING, "fixed-cidr", null, "IPv4 subnet for the default bridge network"),
      flag("fixed-cidr-v6", Kind.STRING, "fixed-cidr-v6", null, "IPv6 subnet for the default bridge network"),
      flag("group", 'G', Kind.STRING, "group", "docker", "Group for the unix socket"),
      flag("help", 'h', Kind.BOOL, null, null, "Print usage"),
      flag("host", 'H', Kind.LIST, "hosts", null, "Daemon socket(s) to connect to"),
      flag("host-gateway-ip", Kind.LIST, "host-gateway-ips", null,
          "IP addresses that the special 'host-gateway' string in --add-host resolves to. Defaults to the IP addresses of the default bridge"),
      flag("http-proxy", Kind.STRING, "http-proxy", null, "HTTP proxy URL to use for outgoing traffic"),
      flag("https-proxy", Kind.STRING, "https-proxy", null, "HTTPS proxy URL to use for outgoing traffic"),
      flag("icc", Kind.BOOL, "icc", "true", "Enable inter-container communication for the default bridge network"),
      flag("init", Kind.BOOL, "init", null, "Run an init in the container to forward signals and reap processes"),
      flag("init-path", Kind.STRING, "init-path", null, "Path to the docker-init binary"),
      flag("insecure-registry", Kind.LIST, "insecure-registries", null, "Enable insecure registry communication"),
      flag("ip", Kind.STRING, "ip", "0.0.0.0", "Host IP for port publishing from the default bridge network"),
      flag("ip-forward", Kind.BOOL, "ip-forward", "true", "Enable IP forwarding in system configuration"),
      flag("ip-forward-no-drop", Kind.BOOL, "ip-forward-no-drop", null,
          "Do not set the filter-FORWARD policy to DROP when enabling IP forwarding"),
      flag("ip-masq", Kind.BOOL, "ip-masq", "true", "Enable IP masquerading for the default bridge network"),
      flag("ip6tables", Kind.BOOL, "ip6tables", "true", "Enable addition of ip6tables rules"),
      flag("iptables", Kind.BOOL, "iptables", "true", "Enable addition of iptables rules"),
      flag("ipv6", Kind.BOOL, "ipv6", null, "Enable IPv6 networking for the default bridge network"),
      flag("label", Kind.LIST, "labels", null, "Set key=value labels to the daemon"),
      flag("live-restore", Kind.BOOL, "live-restore", null, "Enable live restore of docker when containers are still running"),
      flag("log-driver", Kind.STRING, "log-driver", "json-file", "Default driver for container logs"),
      flag("log-format", Kind.STRING, "log-format", "text", "Set the logging format (\"text\"|\"json\")"),
      flag("log-level", 'l', Kind.STRING, "log-level", "info", "Set the logging level (\"debug\"|\"info\"|\"warn\"|\"error\"|\"fatal\")"),
      flag("log-opt", Kind.LIST, "log-opts", null, "Default log driver options for containers"),
      flag("max-concurrent-downloads", Kind.INT, "max-concurrent-downloads", "3", "Set the max concurrent downloads"),
      flag("max-concurrent-uploads", Kind.INT, "max-concurrent-uploads", "5", "Set the max concurrent uploads"),
      flag("max-download-attempts", Kind.INT, "max-download-attempts", "5", "Set the max download attempts for each pull"),
      flag("metrics-addr", Kind.STRING, "metrics-addr", null, "Set default address and port to serve the metrics api on"),
      flag("mtu", Kind.INT, "mtu", "1500", "Set the MTU for the default \"bridge\" network"),
      flag("network-control-plane-mtu", Kind.INT, "network-control-plane-mtu", "1500", "Network Control plane MTU"),
      hidden("network-diagnostic-port", null, Kind.INT, "network-diagnostic-port", null,
          "TCP port number of the network diagnostic server", null),
      flag("no-new-privileges", Kind.BOOL, "no-new-privileges", null, "Set no-new-privileges by default for new containers"),
      flag("no-proxy", Kind.STRING, "no-proxy", null, "Comma-separated list of hosts or IP addresses for which the proxy is skipped"),
      flag("node-generic-resource", Kind.LIST, "node-generic-resources", null, "Advertise user-defined resource"),
      flag("pidfile", 'p', Kind.STRING, "pidfile", "/var/run/berth.pid", "Path to use for daemon PID file"),
      flag("raw-logs", Kind.BOOL, "raw-logs", null, "Full timestamps without ANSI coloring"),
      flag("registry-mirror", Kind.LIST, "registry-mirrors", null, "Preferred registry mirror"),
      // berth's own: where its per-registry certificates live (dockerd's, fixed at /etc/docker/certs.d, is read too)
      flag("registry-certs-dir", Kind.STRING, "registry-certs-dir", "/etc/berth/certs.d",
          "Directory of per-registry certificates (HOST:PORT/ca.crt, client.cert, client.key)"),
      hidden("restart", 'r', Kind.BOOL, "restart", "true",
          "--restart on the daemon has been deprecated in favor of --restart policies on docker run", "Please use a restart policy on docker run"),
      flag("rootless", Kind.BOOL, "rootless", null, "Enable rootless mode; typically used with RootlessKit"),
      flag("seccomp-profile", Kind.STRING, "seccomp-profile", "builtin",
          "Path to seccomp profile. Set to \"unconfined\" to disable the default seccomp profile"),
      flag("selinux-enabled", Kind.BOOL, "selinux-enabled", null, "Enable selinux support"),
      flag("shutdown-timeout", Kind.INT, "shutdown-timeout", "15", "Set the default shutdown timeout"),
      flag("storage-driver", 's', Kind.STRING, "storage-driver", null, "Storage driver to use"),
      flag("storage-opt", Kind.LIST, "storage-opts", null, "Storage driver options"),
      flag("swarm-default-advertise-addr", Kind.STRING, "swarm-default-advertise-addr", null,
          "Set default address or interface for swarm advertised address"),
      flag("tls", Kind.BOOL, "tls", null, "Use TLS; implied by --tlsverify"),
      flag("tlscacert", Kind.STRING, "tlscacert", null, "Trust certs signed only by this CA"),
      flag("tlscert", Kind.STRING, "tlscert", null, "Path to TLS certificate file"),
      flag("tlskey", Kind.STRING, "tlskey", null, "Path to TLS key file"),
      flag("tlsverify", Kind.BOOL, "tlsverify", null, "Use TLS and verify the remote"),
      flag("userland-proxy", Kind.BOOL, "userland-proxy", "true", "Use userland proxy for loopback traffic"),
      flag("userland-proxy-path", Kind.STRING, "userland-proxy-path", null, "Path to the userland proxy binary"),
      flag("userns-remap", Kind.STRING, "userns-remap", null, "User/Group setting for user namespaces"),
      flag("validate", Kind.BOOL, null, null, "Validate daemon configuration and exit"),
      flag("version", 'v', Kind.BOOL, null, null, "Print version information and quit"));
}
