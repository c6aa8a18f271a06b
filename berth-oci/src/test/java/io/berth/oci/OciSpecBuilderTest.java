package io.berth.oci;

import io.berth.common.BerthException;
import io.berth.common.Json;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@SuppressWarnings("unchecked")
class OciSpecBuilderTest {
  private static final String ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private final OciSpecBuilder builder =
      new OciSpecBuilder(new OciSpecBuilder.Settings("/berth", Path.of("/usr/bin/docker-init")), TestHosts.amd64());

  private static ContainerSpec.Builder spec() {
    return ContainerSpec.builder(ID, Path.of("/var/lib/berth/rootfs")).args(List.of("/bin/sh", "-c", "true"));
  }

  private static Map<String, Object> obj(Map<String, Object> m, String... path) {
    Map<String, Object> cur = m;
    for (String p : path) {
      cur = (Map<String, Object>) cur.get(p);
    }
    return cur;
  }

  private static List<Map<String, Object>> mounts(Map<String, Object> spec) {
    return (List<Map<String, Object>>) spec.get("mounts");
  }

  private static Map<String, Object> mount(Map<String, Object> spec, String destination) {
    return mounts(spec).stream().filter(m -> m.get("destination").equals(destination)).findFirst().orElse(null);
  }

  @Test
  void defaultSpecMatchesDockerDefaults() {
    Map<String, Object> s = builder.build(spec().build());
    assertEquals("1.0.2", s.get("ociVersion"));
    Map<String, Object> process = obj(s, "process");
    assertEquals(List.of("/bin/sh", "-c", "true"), process.get("args"));
    assertEquals("/", process.get("cwd"));
    assertNull(process.get("terminal"));
    assertEquals(List.of("PATH=" + DockerDefaults.PATH, "HOSTNAME=0123456789ab"), process.get("env"));
    assertEquals(Map.of("uid", 0L, "gid", 0L, "additionalGids", List.of(0L)), process.get("user"));
    assertNull(process.get("rlimits"), "no rlimits unless --ulimit: runc inherits the daemon's");
    assertEquals(0, process.get("oomScoreAdj"));
    assertNull(process.get("noNewPrivileges"));

    Map<String, Object> caps = obj(s, "process", "capabilities");
    assertEquals(List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
        "CAP_KILL", "CAP_AUDIT_WRITE"), caps.get("bounding"));
    assertEquals(caps.get("bounding"), caps.get("effective"));
    assertEquals(caps.get("bounding"), caps.get("permitted"));
    assertFalse(caps.containsKey("inheritable"));

    assertEquals(Map.of("path", "/var/lib/berth/rootfs"), s.get("root"));
    assertEquals("0123456789ab", s.get("hostname"));

    List<String> destinations = mounts(s).stream().map(m -> (String) m.get("destination")).toList();
    assertEquals(List.of("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm"),
        destinations);
    assertEquals(List.of("nosuid", "strictatime", "mode=755", "size=65536k"), mount(s, "/dev").get("options"));
    assertEquals(List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"),
        mount(s, "/dev/pts").get("options"));
    assertEquals(List.of("nosuid", "noexec", "nodev", "ro"), mount(s, "/sys").get("options"));
    assertEquals("cgroup", mount(s, "/sys/fs/cgroup").get("type"));
    assertEquals(List.of("nosuid", "noexec", "nodev", "mode=1777", "size=67108864"),
        mount(s, "/dev/shm").get("options"));
    assertEquals("shm", mount(s, "/dev/shm").get("source"));

    Map<String, Object> linux = obj(s, "linux");
    assertEquals(DockerDefaults.MASKED_PATHS, linux.get("maskedPaths"));
    assertTrue(((List<String>) linux.get("maskedPaths")).contains("/proc/kcore"));
    assertEquals(List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"),
        linux.get("readonlyPaths"));
    assertEquals("/berth/" + ID, linux.get("cgroupsPath"));
    assertEquals(List.of(Map.of("type", "mount"), Map.of("type", "network"), Map.of("type", "uts"),
        Map.of("type", "pid"), Map.of("type", "ipc")), linux.get("namespaces"));
    assertEquals(Map.of("net.ipv4.ping_group_range", "0 2147483647", "net.ipv4.ip_unprivileged_port_start", "0"),
        linux.get("sysctl"));
    assertNull(linux.get("devices"), "runc creates the default /dev nodes itself");
    List<Map<String, Object>> rules = (List<Map<String, Object>>) obj(linux, "resources").get("devices");
    assertEquals(Map.of("allow", false, "access", "rwm"), rules.getFirst());
    assertEquals(Map.of("allow", true, "type", "c", "major", 1L, "minor", 3L, "access", "rwm"), rules.get(2));
    assertEquals(Map.of("allow", false, "type", "c", "major", 10L, "minor", 229L, "access", "rwm"), rules.getLast());
    assertEquals(List.of("devices"), List.copyOf(obj(linux, "resources").keySet()));
    Map<String, Object> seccomp = obj(linux, "seccomp");
    assertEquals("SCMP_ACT_ERRNO", seccomp.get("defaultAction"));
    assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"), seccomp.get("architectures"));

    // it serializes: keys in runtime-spec order
    String json = Json.string(s);
    assertTrue(json.startsWith("{\"ociVersion\":\"1.0.2\",\"process\":{\"user\""), json.substring(0, 60));
  }

  @Test
  void theProcessAloneIsTheFullSpecsProcess() {
    for (ContainerSpec c : List.of(spec().build(), spec().privileged(true).tty(true).build(),
        spec().capDrop(List.of("CHOWN")).env(List.of("A=1")).build())) {
      assertEquals(builder.build(c).get("process"), builder.process(c));
    }
  }

  @Test
  void ttyAddsTermAndUserEnvWins() {
    Map<String, Object> s = builder.build(spec().tty(true).hostname("web")
        .consoleSize(new ContainerSpec.ConsoleSize(24, 80))
        .env(List.of("PATH=/opt/bin", "FOO=bar", "TERM=vt100")).build());
    Map<String, Object> process = obj(s, "process");
    assertEquals(true, process.get("terminal"));
    assertEquals(Map.of("height", 24, "width", 80), process.get("consoleSize"));
    assertEquals(List.of("PATH=/opt/bin", "HOSTNAME=web", "TERM=vt100", "FOO=bar"), process.get("env"));
    assertEquals("web", s.get("hostname"));
  }

  @Test
  void privilegedGetsEverything() {
    Map<String, Object> s = builder.build(spec().privileged(true).build());
    Map<String, Object> linux = obj(s, "linux");
    assertNull(linux.get("seccomp"));
    assertNull(linux.get("maskedPaths"));
    assertNull(linux.get("readonlyPaths"));
    assertEquals(List.of("nosuid", "noexec", "nodev"), mount(s, "/sys").get("options"));
    assertEquals(List.of("nosuid", "noexec", "nodev"), mount(s, "/sys/fs/cgroup").get("options"));
    assertEquals(TestHosts.amd64().daemonCaps(), obj(s, "process", "capabilities").get("bounding"));
    assertEquals(List.of(Map.of("allow", true, "access", "rwm")), obj(linux, "resources").get("devices"));
    List<Map<String, Object>> devices = (List<Map<String, Object>>) linux.get("devices");
    assertNotNull(devices);
    Map<String, Object> devNull = devices.stream().filter(d -> d.get("path").equals("/dev/null")).findFirst()
        .orElseThrow();
    assertEquals("c", devNull.get("type"));
    assertEquals(1L, devNull.get("major"));
    assertEquals(3L, devNull.get("minor"));
    assertTrue(devices.stream().noneMatch(d -> ((String) d.get("path")).startsWith("/dev/pts/")));
    assertTrue(devices.stream().noneMatch(d -> d.get("path").equals("/dev/console")));
  }

  @Test
  void capAddAndDrop() {
    Map<String, Object> s = builder.build(spec().capAdd(List.of("sys_admin", "CAP_NET_ADMIN", "chown"))
        .capDrop(List.of("NET_RAW", "cap_mknod")).build());
    List<String> bounding = (List<String>) obj(s, "process", "capabilities").get("bounding");
    assertTrue(bounding.contains("CAP_SYS_ADMIN"));
    assertTrue(bounding.contains("CAP_NET_ADMIN"));
    assertFalse(bounding.contains("CAP_NET_RAW"));
    assertFalse(bounding.contains("CAP_MKNOD"));
    assertEquals(1, bounding.stream().filter(c -> c.equals("CAP_CHOWN")).count());
    assertEquals(14 - 2 + 2, bounding.size());

    List<String> onlyKill = (List<String>) obj(builder.build(spec().capDrop(List.of("ALL"))
        .capAdd(List.of("KILL")).build()), "process", "capabilities").get("bounding");
    assertEquals(List.of("CAP_KILL"), onlyKill);

    List<String> all = (List<String>) obj(builder.build(spec().capAdd(List.of("ALL"))
        .capDrop(List.of("SYS_ADMIN")).build()), "process", "capabilities").get("bounding");
    assertEquals(TestHosts.amd64().daemonCaps().size() - 1, all.size());
    assertFalse(all.contains("CAP_SYS_ADMIN"));

    BerthException e = assertThrows(BerthException.InvalidParameter.class,
        () -> builder.build(spec().capAdd(List.of("FOO")).build()));
    assertEquals("unknown capability: \"CAP_FOO\"", e.getMessage());
    e = assertThrows(BerthException.InvalidParameter.class,
        () -> builder.build(spec().capAdd(List.of("SYS_RESOURCE")).build()));
    assertEquals("capability not supported by your kernel or not available in the current environment: "
        + "\"CAP_SYS_RESOURCE\"", e.getMessage());
  }

  @Test
  void nonRootGetsOnlyTheBoundingSet() {
    Map<String, Object> s = builder.build(spec().user(new ResolvedUser(1000, 1000, List.of(27L, 100L))).build());
    Map<String, Object> caps = obj(s, "process", "capabilities");
    assertEquals(List.of("bounding"), List.copyOf(caps.keySet()));
    assertEquals(List.of(1000L, 27L, 100L), obj(s, "process", "user").get("additionalGids"));
  }

  @Test
  void resourcesMapLikeDocker() {
    Resources r = new Resources(64L << 20, 32L << 20, 0, 10L, 512, Resources.nanoCpus("1.5"), 0, 0,
        "0-1", "0", 100L, 300, true);
    Map<String, Object> res = obj(builder.build(spec().resources(r).build()), "linux", "resources");
    assertEquals(Map.of("limit", 67108864L, "reservation", 33554432L, "swap", 134217728L, "swappiness", 10L,
        "disableOOMKiller", true), res.get("memory"));
    Map<String, Object> cpu = (Map<String, Object>) res.get("cpu");
    assertEquals(150000L, cpu.get("quota"));
    assertEquals(100000L, cpu.get("period"));
    assertEquals(512L, cpu.get("shares"));
    assertEquals("0-1", cpu.get("cpus"));
    assertEquals("0", cpu.get("mems"));
    assertEquals(Map.of("limit", 100L), res.get("pids"));
    assertEquals(Map.of("weight", 300), res.get("blockIO"));

    Resources swap = new Resources(64L << 20, 0, 128L << 20 | 1, null, 0, 0, 50000, 25000, "", "", 0L, 0, null);
    res = obj(builder.build(spec().resources(swap).build()), "linux", "resources");
    assertEquals(Map.of("limit", 67108864L, "swap", 134217729L), res.get("memory"));
    assertEquals(Map.of("quota", 25000L, "period", 50000L), res.get("cpu"));
    assertEquals(Map.of("limit", -1L), res.get("pids"));
    assertNull(res.get("blockIO"));

    Resources unlimitedSwap = new Resources(64L << 20, 0, -1, null, 0, 0, 0, 0, "", "", null, 0, null);
    res = obj(builder.build(spec().resources(unlimitedSwap).build()), "linux", "resources");
    assertEquals(Map.of("limit", 67108864L), res.get("memory"));

    assertEquals(1_500_000_000L, Resources.nanoCpus("1.5"));
    assertEquals(10_000_000L, Resources.nanoCpus("0.01"));
    assertThrows(IllegalArgumentException.class, () -> Resources.nanoCpus("0.0000000001"));
  }

  @Test
  void ulimitsBecomeRlimits() {
    Map<String, Object> s = builder.build(spec().ulimits(List.of(Ulimits.parse("nofile=1024:2048"),
        Ulimits.parse("core=-1"))).build());
    assertEquals(List.of(Map.of("type", "RLIMIT_NOFILE", "hard", 2048L, "soft", 1024L),
        Map.of("type", "RLIMIT_CORE", "hard", new BigInteger("18446744073709551615"),
            "soft", new BigInteger("18446744073709551615"))), obj(s, "process").get("rlimits"));
    assertTrue(Json.string(s).contains("\"hard\":18446744073709551615"));
  }

  @Test
  void namespacesAndNetworkModes() {
    Map<String, Object> host = builder.build(spec().network(new NetworkMode.Host()).pidHost(true).ipcHost(true)
        .utsHost(true).build());
    Map<String, Object> linux = obj(host, "linux");
    assertEquals(List.of(Map.of("type", "mount")), linux.get("namespaces"));
    assertNull(host.get("hostname"));
    assertNull(linux.get("sysctl"), "no network sysctls in the host's namespace");
    Map<String, Object> shm = mount(host, "/dev/shm");
    assertEquals("bind", shm.get("type"));
    assertEquals("/dev/shm", shm.get("source"));
    assertEquals(List.of("rbind", "rprivate"), shm.get("options"));

    Map<String, Object> sandbox = builder.build(spec().network(new NetworkMode.Sandbox("/run/berth/netns/x"))
        .cgroupnsPrivate(true).build());
    List<Map<String, Object>> ns = (List<Map<String, Object>>) obj(sandbox, "linux").get("namespaces");
    assertEquals(Map.of("type", "network", "path", "/run/berth/netns/x"), ns.get(1));
    assertEquals(Map.of("type", "cgroup"), ns.getLast());
    assertNotNull(obj(sandbox, "linux", "sysctl").get("net.ipv4.ip_unprivileged_port_start"));

    Map<String, Object> shared = builder.build(spec().network(new NetworkMode.Shared("/proc/42/ns/net"))
        .domainname("example.com").sysctls(Map.of("net.core.somaxconn", "1024")).build());
    assertEquals(Map.of("kernel.domainname", "example.com", "net.core.somaxconn", "1024"),
        obj(shared, "linux", "sysctl"));
  }

  @Test
  void userMountsAndReadonlyRootfs() {
    Map<String, Object> s = builder.build(spec().readonlyRootfs(true)
        .mount(new Mount.Bind("/data/vol", "/var/lib/data/sub", true))
        .mount(new Mount.Bind("/var/lib/berth/containers/x/hosts", "/etc/hosts", false))
        .mount(new Mount.Tmpfs("/run", "size=64m,exec"))
        .mount(new Mount.Bind("/src", "/mnt", true, "rshared", true))
        .shmSize(1 << 20)
        .build());
    assertEquals(Map.of("path", "/var/lib/berth/rootfs", "readonly", true), s.get("root"));
    List<String> destinations = mounts(s).stream().map(m -> (String) m.get("destination")).toList();
    assertEquals(List.of("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm",
        "/run", "/mnt", "/etc/hosts", "/var/lib/data/sub"), destinations);
    assertEquals(List.of("rbind", "rprivate"), mount(s, "/var/lib/data/sub").get("options"));
    assertEquals(List.of("rbind", "ro", "rprivate"), mount(s, "/etc/hosts").get("options"));
    assertEquals(List.of("bind", "rshared"), mount(s, "/mnt").get("options"));
    assertEquals("shared", obj(s, "linux").get("rootfsPropagation"));
    assertEquals(List.of("nosuid", "nodev", "rprivate", "size=64m", "exec"), mount(s, "/run").get("options"));
    assertEquals(List.of("ro", "nosuid", "noexec", "nodev"), mount(s, "/sys/fs/cgroup").get("options"));
    assertEquals(List.of("nosuid", "noexec", "nodev"), mount(s, "/proc").get("options"), "/proc stays writable");
    assertEquals(List.of("nosuid", "noexec", "nodev", "mode=1777", "size=1048576"),
        mount(s, "/dev/shm").get("options"));

    Map<String, Object> userDev = builder.build(spec().mount(new Mount.Bind("/host/dev", "/dev", true)).build());
    assertEquals(List.of("/proc", "/sys", "/sys/fs/cgroup", "/dev"),
        mounts(userDev).stream().map(m -> (String) m.get("destination")).toList());

    BerthException e = assertThrows(BerthException.InvalidParameter.class,
        () -> builder.build(spec().mount(new Mount.Tmpfs("/x", "bogus")).build()));
    assertEquals("invalid tmpfs option [\"bogus\"]", e.getMessage());
  }

  @Test
  void initIsBindMountedAndPrepended() {
    Map<String, Object> s = builder.build(spec().init(true).build());
    assertEquals(List.of("/sbin/docker-init", "--", "/bin/sh", "-c", "true"), obj(s, "process").get("args"));
    Map<String, Object> init = mount(s, "/sbin/docker-init");
    assertEquals("/usr/bin/docker-init", init.get("source"));
    assertEquals(List.of("bind", "ro"), init.get("options"));

    Map<String, Object> hostPid = builder.build(spec().init(true).pidHost(true).build());
    assertEquals(List.of("/bin/sh", "-c", "true"), obj(hostPid, "process").get("args"));
    assertNull(mount(hostPid, "/sbin/docker-init"));

    OciSpecBuilder noInit = new OciSpecBuilder(new OciSpecBuilder.Settings("/berth", null), TestHosts.amd64());
    assertThrows(BerthException.InvalidParameter.class, () -> noInit.build(spec().init(true).build()));
  }

  @Test
  void securityOptions() {
    SecurityOptions opts = SecurityOptions.parse(List.of("no-new-privileges", "seccomp=unconfined",
        "apparmor=unconfined", "label=disable"));
    Map<String, Object> s = builder.build(spec().security(opts).build());
    assertEquals(true, obj(s, "process").get("noNewPrivileges"));
    assertNull(obj(s, "linux").get("seccomp"));
    assertFalse(SecurityOptions.parse(List.of("no-new-privileges=false")).noNewPrivileges());
    assertEquals("invalid --security-opt 2: \"bogus=1\"", assertThrows(BerthException.InvalidParameter.class,
        () -> SecurityOptions.parse(List.of("bogus=1"))).getMessage());
    assertEquals("invalid --security-opt 1: \"bogus\"", assertThrows(BerthException.InvalidParameter.class,
        () -> SecurityOptions.parse(List.of("bogus"))).getMessage());

    String custom = "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"mkdir\"],"
        + "\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":1}]}";
    Map<String, Object> c = builder.build(spec().security(SecurityOptions.parse(List.of("seccomp=" + custom)))
        .build());
    assertEquals(Map.of("defaultAction", "SCMP_ACT_ALLOW", "syscalls", List.of(Map.of("names", List.of("mkdir"),
        "action", "SCMP_ACT_ERRNO", "errnoRet", 1))), obj(c, "linux", "seccomp"));
  }

  @Test
  void cgroupParentOverride() {
    assertEquals("/custom/" + ID, obj(builder.build(spec().cgroupParent("/custom/").build()), "linux")
        .get("cgroupsPath"));
    assertEquals("/" + ID, obj(builder.build(spec().cgroupParent("/a/..").build()), "linux").get("cgroupsPath"));
  }
}
