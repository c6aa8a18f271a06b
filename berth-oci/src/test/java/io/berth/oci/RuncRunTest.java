package io.berth.oci;

import io.berth.common.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Proves runc accepts the generated spec: a busybox rootfs in a temp dir, {@code runc run} with berth's config.json,
 * a new network namespace, no tty. Runc state lives in a private --root; everything is deleted afterwards.
 */
@org.junit.jupiter.api.Tag("root") // needs root: runs in the verify phase
class RuncRunTest {
  private static final Path RUNC = Path.of("/usr/sbin/runc");
  private static final Path BUSYBOX = Path.of("/bin/busybox");
  private static final String CGROUP_PARENT = "berth-oci-test";

  private Path work;
  private Path stateRoot;
  private final List<String> started = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    assumeTrue(Files.isExecutable(RUNC), "runc is not installed");
    assumeTrue(Files.isExecutable(BUSYBOX), "busybox-static is not installed");
    assumeTrue("root".equals(System.getProperty("user.name")), "runc needs root");
    work = Files.createTempDirectory("berth-oci-runc");
    stateRoot = Files.createDirectories(work.resolve("state"));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (work == null) {
      return;
    }
    for (String id : started) {
      run(List.of(RUNC.toString(), "--root", stateRoot.toString(), "delete", "--force", id));
    }
    removeCgroupParent();
    try (Stream<Path> paths = Files.walk(work)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** runc deletes the container's cgroups but not the parent it created; remove it when empty. */
  private static void removeCgroupParent() throws IOException {
    Path cgroupRoot = Path.of("/sys/fs/cgroup");
    List<Path> candidates = new ArrayList<>(List.of(cgroupRoot.resolve(CGROUP_PARENT)));
    try (Stream<Path> controllers = Files.list(cgroupRoot)) {
      controllers.forEach(c -> candidates.add(c.resolve(CGROUP_PARENT)));
    }
    for (Path dir : candidates) {
      if (Files.isDirectory(dir)) {
        try {
          Files.delete(dir); // rmdir: the kernel refuses while the cgroup is in use
        } catch (IOException ignored) {
          // still in use or not ours to remove: leave it
        }
      }
    }
  }

  private Path bundle(String name, ContainerSpec.Builder spec, OciSpecBuilder builder) throws IOException {
    Path bundle = Files.createDirectories(work.resolve(name));
    Path rootfs = Files.createDirectories(bundle.resolve("rootfs/bin"));
    Files.copy(BUSYBOX, rootfs.resolve("busybox"));
    Files.createSymbolicLink(rootfs.resolve("sh"), Path.of("busybox"));
    Files.createDirectories(bundle.resolve("rootfs/etc"));
    Files.writeString(bundle.resolve("rootfs/etc/passwd"), "root:x:0:0:root:/:/bin/sh\napp:x:1000:1000::/:/bin/sh\n");
    Files.writeString(bundle.resolve("rootfs/etc/group"), "root:x:0:\napp:x:1000:\nextra:x:1500:app\n");
    Map<String, Object> config = builder.build(spec.build());
    Files.write(bundle.resolve("config.json"), Json.bytes(config));
    return bundle;
  }

  private static String id() {
    return "berthocitest" + UUID.randomUUID().toString().replace("-", "");
  }

  /** Runs a command with stdin closed; returns exit code and combined output. */
  private static Result run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + command);
    }
    return new Result(p.exitValue(), out);
  }

  private record Result(int exit, String output) {
  }

  private Result runContainer(String id, Path bundle) throws Exception {
    started.add(id);
    return run(List.of(RUNC.toString(), "--root", stateRoot.toString(), "run", "--bundle", bundle.toString(), id));
  }

  private static OciSpecBuilder builder() {
    return new OciSpecBuilder(new OciSpecBuilder.Settings("/" + CGROUP_PARENT, null), Host.current());
  }

  @Test
  void runcRunsTheDefaultSpec() throws Exception {
    String id = id();
    Path bundle = work.resolve("default");
    ContainerSpec.Builder spec = ContainerSpec.builder(id, bundle.resolve("rootfs"))
        .hostname("berth-test")
        .args(List.of("/bin/busybox", "sh", "-c", "id; hostname; cat /proc/self/status | grep -i cap"));
    bundle(bundle.getFileName().toString(), spec, builder());

    Result r = runContainer(id, bundle);
    assertEquals(0, r.exit(), r.output());
    List<String> lines = r.output().lines().toList();
    assertEquals("uid=0(root) gid=0(root) groups=0(root)", lines.get(0), r.output());
    assertEquals("berth-test", lines.get(1));
    // Docker's 14 default capabilities, nothing inheritable or ambient
    assertTrue(lines.contains("CapInh:\t0000000000000000"), r.output());
    assertTrue(lines.contains("CapPrm:\t00000000a80425fb"), r.output());
    assertTrue(lines.contains("CapEff:\t00000000a80425fb"), r.output());
    assertTrue(lines.contains("CapBnd:\t00000000a80425fb"), r.output());
    assertTrue(lines.contains("CapAmb:\t0000000000000000"), r.output());
  }

  @Test
  void runcAppliesUserLimitsAndConfinement() throws Exception {
    String id = id();
    Path bundle = work.resolve("confined");
    Path rootfs = bundle.resolve("rootfs");
    ContainerSpec.Builder spec = ContainerSpec.builder(id, rootfs)
        .readonlyRootfs(true)
        .ulimits(List.of(Ulimits.parse("nofile=512:1024")))
        .resources(new Resources(64L << 20, 0, 0, null, 0, Resources.nanoCpus("0.5"), 0, 0, "", "", 50L, 0,
            null))
        .mount(new Mount.Tmpfs("/scratch", "size=1m"))
        .security(SecurityOptions.parse(List.of("no-new-privileges")))
        .env(List.of("GREETING=hi"))
        .args(List.of("/bin/busybox", "sh", "-c", String.join("; ",
            "id",
            "echo $GREETING $PATH",
            "ulimit -n; ulimit -Hn",
            "grep -E '^(Seccomp|NoNewPrivs):' /proc/self/status",
            "ls /sys/class/net",
            "cat /proc/sys/net/ipv4/ip_unprivileged_port_start",
            "touch /rootfs-write 2>/dev/null && echo rootfs-writable || echo rootfs-readonly",
            "touch /scratch/x && echo scratch-writable",
            "wc -c < /proc/interrupts",
            "ls /dev | tr '\\n' ' '; echo",
            // cgroup v1 (this host) or v2: the limits reached the kernel
            "cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max",
            "cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max")));
    // resolved from the image's own passwd/group, through the same code the engine uses
    Files.createDirectories(rootfs.resolve("etc"));
    Files.writeString(rootfs.resolve("etc/passwd"), "app:x:1000:1000::/:/bin/sh\n");
    Files.writeString(rootfs.resolve("etc/group"), "app:x:1000:\nextra:x:1500:app\n");
    spec.user(UserResolver.resolve(rootfs, "app"));
    bundle(bundle.getFileName().toString(), spec, builder());

    Result r = runContainer(id, bundle);
    assertEquals(0, r.exit(), r.output());
    List<String> lines = r.output().lines().toList();
    assertEquals("uid=1000(app) gid=1000(app) groups=1000(app),1500(extra)", lines.get(0), r.output());
    assertEquals("hi " + DockerDefaults.PATH, lines.get(1));
    assertEquals("512", lines.get(2));
    assertEquals("1024", lines.get(3));
    assertEquals("NoNewPrivs:\t1", lines.get(4));
    assertEquals("Seccomp:\t2", lines.get(5));
    assertEquals("lo", lines.get(6), "a new network namespace holds only loopback");
    assertEquals("0", lines.get(7));
    assertEquals("rootfs-readonly", lines.get(8));
    assertEquals("scratch-writable", lines.get(9));
    assertEquals("0", lines.get(10).trim(), "/proc/interrupts is masked");
    for (String dev : List.of("null", "zero", "full", "random", "urandom", "tty", "ptmx", "pts", "shm", "mqueue")) {
      assertTrue((" " + lines.get(11)).contains(" " + dev + " "), dev + " in /dev: " + lines.get(11));
    }
    assertEquals("67108864", lines.get(12));
    assertEquals("50", lines.get(13));
  }

  @Test
  void runcRunsPrivilegedWithInit() throws Exception {
    Path init = OciSpecBuilder.Settings.defaults().initBinary();
    assumeTrue(init != null, "no docker-init, tini or catatonit installed");
    String id = id();
    Path bundle = work.resolve("privileged");
    ContainerSpec.Builder spec = ContainerSpec.builder(id, bundle.resolve("rootfs"))
        .privileged(true).init(true)
        .args(List.of("/bin/busybox", "sh", "-c", String.join("; ",
            "tr '\\0' ' ' < /proc/1/cmdline; echo",
            "grep -E '^(CapEff|Seccomp):' /proc/self/status",
            "test -c /dev/null && echo has-null")));
    OciSpecBuilder privileged = new OciSpecBuilder(new OciSpecBuilder.Settings("/" + CGROUP_PARENT, init),
        Host.current());
    bundle(bundle.getFileName().toString(), spec, privileged);

    Result r = runContainer(id, bundle);
    assertEquals(0, r.exit(), r.output());
    List<String> lines = r.output().lines().toList();
    assertTrue(lines.get(0).startsWith("/sbin/docker-init -- /bin/busybox sh -c "), r.output());
    long daemonCaps = 0;
    for (String c : Host.current().daemonCaps()) {
      daemonCaps |= 1L << Capabilities.KNOWN.indexOf(c);
    }
    assertEquals(String.format("CapEff:\t%016x", daemonCaps), lines.get(1), "every capability the daemon has");
    assertEquals("Seccomp:\t0", lines.get(2), "no seccomp when privileged");
    assertEquals("has-null", lines.get(3));
  }
}
