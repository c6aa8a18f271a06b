package io.berth.cli;

/**
 * The flags {@code run} and {@code create} share (the Docker CLI's containerOptions), declared on
 * the command's flag set with Docker's names, types and checks. {@link CreateBody} turns the
 * parsed values into the create request.
 */
final class ContainerFlags {
  final Flag addHost;
  final Flag annotation;
  final Flag attach;
  final Flag blkioWeight;
  final Flag blkioWeightDevice;
  final Flag capAdd;
  final Flag capDrop;
  final Flag cgroupParent;
  final Flag cgroupns;
  final Flag cidfile;
  final Flag cpuCount;
  final Flag cpuPercent;
  final Flag cpuPeriod;
  final Flag cpuQuota;
  final Flag cpuRtPeriod;
  final Flag cpuRtRuntime;
  final Flag cpuShares;
  final Flag cpus;
  final Flag cpusetCpus;
  final Flag cpusetMems;
  final Flag device;
  final Flag deviceCgroupRule;
  final Flag deviceReadBps;
  final Flag deviceReadIops;
  final Flag deviceWriteBps;
  final Flag deviceWriteIops;
  final Flag dns;
  final Flag dnsOption;
  final Flag dnsSearch;
  final Flag domainname;
  final Flag entrypoint;
  final Flag env;
  final Flag envFile;
  final Flag expose;
  final Flag gpus;
  final Flag groupAdd;
  final Flag healthCmd;
  final Flag healthInterval;
  final Flag healthRetries;
  final Flag healthStartInterval;
  final Flag healthStartPeriod;
  final Flag healthTimeout;
  final Flag hostname;
  final Flag init;
  final Flag interactive;
  final Flag ioMaxBandwidth;
  final Flag ioMaxIops;
  final Flag ip;
  final Flag ip6;
  final Flag ipc;
  final Flag isolation;
  final Flag label;
  final Flag labelFile;
  final Flag link;
  final Flag linkLocalIp;
  final Flag logDriver;
  final Flag logOpt;
  final Flag macAddress;
  final Flag memory;
  final Flag memoryReservation;
  final Flag memorySwap;
  final Flag memorySwappiness;
  final Flag mount;
  final Flag network;
  final Flag networkAlias;
  final Flag noHealthcheck;
  final Flag oomKillDisable;
  final Flag oomScoreAdj;
  final Flag pid;
  final Flag pidsLimit;
  final Flag privileged;
  final Flag publish;
  final Flag publishAll;
  final Flag readOnly;
  final Flag restart;
  final Flag rm;
  final Flag runtime;
  final Flag securityOpt;
  final Flag shmSize;
  final Flag stopSignal;
  final Flag stopTimeout;
  final Flag storageOpt;
  final Flag sysctl;
  final Flag tmpfs;
  final Flag tty;
  final Flag ulimit;
  final Flag user;
  final Flag userns;
  final Flag uts;
  final Flag volume;
  final Flag volumeDriver;
  final Flag volumesFrom;
  final Flag workdir;
  final Flag contentTrust;

  /** Declares the container flags on {@code flags} (which the command also gives its own flags). */
  ContainerFlags(FlagSet flags) {
    flags.stopAtFirstArgument();
    addHost = flags.list(null, "add-host", "list", "Add a custom host-to-IP mapping (host:ip)")
        .convert(FlagValues::extraHost);
    annotation = flags.list(null, "annotation", "map",
        "Add an annotation to the container (passed through to the OCI runtime) (default map[])")
        .convert(FlagValues::keyValue);
    attach = flags.list("a", "attach", "list", "Attach to STDIN, STDOUT or STDERR").convert(FlagValues::attach);
    blkioWeight = flags.string(null, "blkio-weight", "uint16",
        "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)")
        .convert(FlagValues.unsigned(16));
    blkioWeightDevice = flags.list(null, "blkio-weight-device", "list",
        "Block IO weight (relative device weight) (default [])").convert(FlagValues::weightDevice);
    capAdd = flags.list(null, "cap-add", "list", "Add Linux capabilities");
    capDrop = flags.list(null, "cap-drop", "list", "Drop Linux capabilities");
    cgroupParent = flags.string(null, "cgroup-parent", "string", "Optional parent cgroup for the container");
    cgroupns = flags.string(null, "cgroupns", "string", "Cgroup namespace to use (host|private)");
    cidfile = flags.string(null, "cidfile", "string", "Write the container ID to the file");
    cpuCount = flags.integer(null, "cpu-count", "int", "CPU count (Windows only)");
    cpuPercent = flags.integer(null, "cpu-percent", "int", "CPU percent (Windows only)");
    cpuPeriod = flags.integer(null, "cpu-period", "int", "Limit CPU CFS (Completely Fair Scheduler) period");
    cpuQuota = flags.integer(null, "cpu-quota", "int", "Limit CPU CFS (Completely Fair Scheduler) quota");
    cpuRtPeriod = flags.integer(null, "cpu-rt-period", "int", "Limit CPU real-time period in microseconds");
    cpuRtRuntime = flags.integer(null, "cpu-rt-runtime", "int", "Limit CPU real-time runtime in microseconds");
    cpuShares = flags.integer("c", "cpu-shares", "int", "CPU shares (relative weight)");
    cpus = flags.string(null, "cpus", "decimal", "Number of CPUs").convert(FlagValues::nanoCpus);
    cpusetCpus = flags.string(null, "cpuset-cpus", "string", "CPUs in which to allow execution (0-3, 0,1)");
    cpusetMems = flags.string(null, "cpuset-mems", "string", "MEMs in which to allow execution (0-3, 0,1)");
    device = flags.list(null, "device", "list", "Add a host device to the container");
    deviceCgroupRule = flags.list(null, "device-cgroup-rule", "list", "Add a rule to the cgroup allowed devices list")
        .convert(FlagValues::deviceCgroupRule);
    deviceReadBps = flags.list(null, "device-read-bps", "list",
        "Limit read rate (bytes per second) from a device (default [])").convert(FlagValues::throttleBps);
    deviceReadIops = flags.list(null, "device-read-iops", "list",
        "Limit read rate (IO per second) from a device (default [])").convert(FlagValues::throttleIops);
    deviceWriteBps = flags.list(null, "device-write-bps", "list",
        "Limit write rate (bytes per second) to a device (default [])").convert(FlagValues::throttleBps);
    deviceWriteIops = flags.list(null, "device-write-iops", "list",
        "Limit write rate (IO per second) to a device (default [])").convert(FlagValues::throttleIops);
    contentTrust = ContentTrust.flag(flags);
    dns = flags.list(null, "dns", "list", "Set custom DNS servers").convert(FlagValues::ipAddress);
    dnsOption = flags.list(null, "dns-option", "list", "Set DNS options");
    flags.alias("dns-opt", dnsOption);
    dnsSearch = flags.list(null, "dns-search", "list", "Set custom DNS search domains").convert(FlagValues::dnsSearch);
    domainname = flags.string(null, "domainname", "string", "Container NIS domain name");
    entrypoint = flags.string(null, "entrypoint", "string", "Overwrite the default ENTRYPOINT of the image");
    env = flags.list("e", "env", "list", "Set environment variables").convert(FlagValues::env);
    envFile = flags.list(null, "env-file", "list", "Read in a file of environment variables");
    expose = flags.list(null, "expose", "list", "Expose a port or a range of ports");
    gpus = flags.list(null, "gpus", "gpu-request", "GPU devices to add to the container ('all' to pass all GPUs)")
        .convert(ResourceSpecs::gpuRequest);
    groupAdd = flags.list(null, "group-add", "list", "Add additional groups to join");
    healthCmd = flags.string(null, "health-cmd", "string", "Command to run to check health");
    healthInterval = flags.string(null, "health-interval", "duration",
        "Time between running the check (ms|s|m|h) (default 0s)").convert(FlagValues::duration);
    healthRetries = flags.integer(null, "health-retries", "int", "Consecutive failures needed to report unhealthy");
    healthStartInterval = flags.string(null, "health-start-interval", "duration",
        "Time between running the check during the start period (ms|s|m|h) (default 0s)")
        .convert(FlagValues::duration);
    healthStartPeriod = flags.string(null, "health-start-period", "duration",
        "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)")
        .convert(FlagValues::duration);
    healthTimeout = flags.string(null, "health-timeout", "duration",
        "Maximum time to allow one check to run (ms|s|m|h) (default 0s)").convert(FlagValues::duration);
    hostname = flags.string("h", "hostname", "string", "Container host name");
    init = flags.bool(null, "init", "Run an init inside the container that forwards signals and reaps processes");
    interactive = flags.bool("i", "interactive", "Keep STDIN open even if not attached");
    ioMaxBandwidth = flags.string(null, "io-maxbandwidth", "bytes",
        "Maximum IO bandwidth limit for the system drive (Windows only)").convert(FlagValues::memBytes);
    ioMaxIops = flags.string(null, "io-maxiops", "uint", "Maximum IOps limit for the system drive (Windows only)")
        .convert(FlagValues.unsigned(64));
    ip = flags.string(null, "ip", "string", "IPv4 address (e.g., 172.30.100.104)");
    ip6 = flags.string(null, "ip6", "string", "IPv6 address (e.g., 2001:db8::33)");
    ipc = flags.string(null, "ipc", "string", "IPC mode to use");
    isolation = flags.string(null, "isolation", "string", "Container isolation technology");
    label = flags.list("l", "label", "list", "Set meta data on a container");
    labelFile = flags.list(null, "label-file", "list", "Read in a line delimited file of labels");
    link = flags.list(null, "link", "list", "Add link to another container").convert(FlagValues::link);
    linkLocalIp = flags.list(null, "link-local-ip", "list", "Container IPv4/IPv6 link-local addresses");
    logDriver = flags.string(null, "log-driver", "string", "Logging driver for the container");
    logOpt = flags.list(null, "log-opt", "list", "Log driver options");
    macAddress = flags.string(null, "mac-address", "string", "Container MAC address (e.g., 92:d0:c6:0a:29:33)");
    memory = flags.string("m", "memory", "bytes", "Memory limit").convert(FlagValues::memBytes);
    memoryReservation = flags.string(null, "memory-reservation", "bytes", "Memory soft limit")
        .convert(FlagValues::memBytes);
    memorySwap = flags.string(null, "memory-swap", "bytes",
        "Swap limit equal to memory plus swap: '-1' to enable unlimited swap").convert(FlagValues::memSwapBytes);
    memorySwappiness = flags.stringDefault(null, "memory-swappiness", "int",
        "Tune container memory swappiness (0 to 100)", "-1").convert(FlagSet::parseInt);
    mount = flags.list(null, "mount", "mount", "Attach a filesystem mount to the container")
        .convert(MountSpecs::mountFlag);
    network = flags.list(null, "network", "network", "Connect a container to a network")
        .convert(NetworkSpecs::networkFlag);
    flags.alias("net", network);
    networkAlias = flags.list(null, "network-alias", "list", "Add network-scoped alias for the container");
    flags.alias("net-alias", networkAlias);
    noHealthcheck = flags.bool(null, "no-healthcheck", "Disable any container-specified HEALTHCHECK");
    oomKillDisable = flags.bool(null, "oom-kill-disable", "Disable OOM Killer");
    oomScoreAdj = flags.integer(null, "oom-score-adj", "int", "Tune host's OOM preferences (-1000 to 1000)");
    pid = flags.string(null, "pid", "string", "PID namespace to use");
    pidsLimit = flags.integer(null, "pids-limit", "int", "Tune container pids limit (set -1 for unlimited)");
    privileged = flags.bool(null, "privileged", "Give extended privileges to this container");
    publish = flags.list("p", "publish", "list", "Publish a container's port(s) to the host");
    publishAll = flags.bool("P", "publish-all", "Publish all exposed ports to random ports");
    readOnly = flags.bool(null, "read-only", "Mount the container's root filesystem as read only");
    restart = flags.stringDefault(null, "restart", "string", "Restart policy to apply when a container exits", "no");
    rm = flags.bool(null, "rm",
        "Automatically remove the container and its associated anonymous volumes when it exits");
    runtime = flags.string(null, "runtime", "string", "Runtime to use for this container");
    securityOpt = flags.list(null, "security-opt", "list", "Security Options");
    shmSize = flags.string(null, "shm-size", "bytes", "Size of /dev/shm").convert(FlagValues::memBytes);
    stopSignal = flags.string(null, "stop-signal", "string", "Signal to stop the container");
    stopTimeout = flags.integer(null, "stop-timeout", "int", "Timeout (in seconds) to stop a container");
    storageOpt = flags.list(null, "storage-opt", "list", "Storage driver options for the container");
    sysctl = flags.list(null, "sysctl", "map", "Sysctl options (default map[])").convert(FlagValues::sysctl);
    tmpfs = flags.list(null, "tmpfs", "list", "Mount a tmpfs directory");
    tty = flags.bool("t", "tty", "Allocate a pseudo-TTY");
    ulimit = flags.list(null, "ulimit", "ulimit", "Ulimit options (default [])").convert(FlagValues::ulimit);
    user = flags.string("u", "user", "string", "Username or UID (format: <name|uid>[:<group|gid>])");
    userns = flags.string(null, "userns", "string", "User namespace to use");
    uts = flags.string(null, "uts", "string", "UTS namespace to use");
    volume = flags.list("v", "volume", "list", "Bind mount a volume");
    volumeDriver = flags.string(null, "volume-driver", "string", "Optional volume driver for the container");
    volumesFrom = flags.list(null, "volumes-from", "list", "Mount volumes from the specified container(s)");
    workdir = flags.string("w", "workdir", "string", "Working directory inside the container");
  }
}
