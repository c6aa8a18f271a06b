package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker cp through the Docker CLI: both directions, Docker's path rules, stopped containers, symlink escapes. */
class CpTest {
  private static Berthd daemon;
  private static String hostPasswd;
  @TempDir
  Path tmp;

  @BeforeAll
  static void start() throws IOException {
    daemon = Berthd.startWithBridge();
    daemon.dockerIn(Files.readAllBytes(Fixtures.busyboxTar()), "import", "-c", "CMD [\"sh\"]", "-", "busybox").ok();
    daemon.docker("run", "-d", "--name", "c1", "busybox", "sh", "-c",
        "mkdir -p /data/sub && echo hello > /data/file && echo deep > /data/sub/deep"
            + " && echo 'root:x:0:0:container-root:/root:/bin/sh' > /etc/passwd"
            + " && ln -s /etc /evil && ln -s ../../../.. /up && while true; do sleep 1; done").ok();
    for (int i = 0; i < 100 && daemon.docker("cp", "c1:/up", "-").exit() != 0; i++) {
      sleep(100); // the container's script has not made its files yet
    }
    hostPasswd = Files.readString(Path.of("/etc/passwd"));
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String inContainer(String container, String path) {
    Path out = tmp.resolve("read-" + System.nanoTime());
    daemon.docker("cp", container + ":" + path, out.toString()).ok();
    try {
      return Files.readString(out);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private Result shell(String script) {
    return Berthd.exec(List.of("sh", "-c", script), Map.of("DOCKER_HOST", daemon.host(),
        "DOCKER_CONFIG", tmp.resolve("docker-config").toString()), null);
  }

  @Test
  void fileAndDirectoryFromTheContainer() throws IOException {
    daemon.docker("cp", "c1:/data/file", tmp.toString()).ok();
    assertEquals("hello\n", Files.readString(tmp.resolve("file")));
    daemon.docker("cp", "c1:/data/file", tmp.resolve("renamed").toString()).ok();
    assertEquals("hello\n", Files.readString(tmp.resolve("renamed")));
    daemon.docker("cp", "c1:/data", tmp.resolve("copy").toString()).ok();
    assertEquals("deep\n", Files.readString(tmp.resolve("copy/sub/deep")));
    daemon.docker("cp", "c1:/data", tmp.resolve("copy").toString()).ok();
    assertEquals("deep\n", Files.readString(tmp.resolve("copy/data/sub/deep")), "into an existing directory");
    Files.createDirectories(tmp.resolve("contents"));
    daemon.docker("cp", "c1:/data/.", tmp.resolve("contents").toString()).ok();
    assertEquals("hello\n", Files.readString(tmp.resolve("contents/file")), "/. copies the contents");
  }

  @Test
  void fileAndDirectoryIntoTheContainer() throws IOException {
    Files.writeString(tmp.resolve("up.txt"), "uploaded");
    Files.createDirectories(tmp.resolve("dir/inner"));
    Files.writeString(tmp.resolve("dir/inner/x"), "x");
    daemon.docker("cp", tmp.resolve("up.txt").toString(), "c1:/tmp").ok();
    assertEquals("uploaded", inContainer("c1", "/tmp/up.txt"));
    daemon.docker("cp", tmp.resolve("up.txt").toString(), "c1:/tmp/other.txt").ok();
    assertEquals("uploaded", inContainer("c1", "/tmp/other.txt"));
    daemon.docker("cp", tmp.resolve("dir").toString(), "c1:/newdir").ok();
    assertEquals("x", inContainer("c1", "/newdir/inner/x"));
    daemon.docker("cp", tmp.resolve("dir").toString() + "/.", "c1:/tmp").ok();
    assertEquals("x", inContainer("c1", "/tmp/inner/x"));
    String tmpMode = shell("docker cp c1:/tmp - | tar -tvf - | head -1").ok().out();
    assertTrue(tmpMode.startsWith("drwxrwxrwt"), "the /. entry leaves the destination's mode alone: " + tmpMode);
  }

  @Test
  void pathRulesAndErrors() throws IOException {
    Result missing = daemon.docker("cp", "c1:/nope", tmp.toString());
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("Could not find the file /nope in container c1"), missing.err());
    Files.writeString(tmp.resolve("f"), "f");
    Result notDir = daemon.docker("cp", tmp.resolve("f").toString(), "c1:/nodir/");
    assertEquals(1, notDir.exit());
    assertTrue(notDir.err().contains("no such directory"), notDir.err());
    Result dirOnFile = daemon.docker("cp", tmp.toString(), "c1:/data/file");
    assertEquals(1, dirOnFile.exit());
    assertTrue(dirOnFile.err().contains("cannot copy directory"), dirOnFile.err());
    Result trailing = daemon.docker("cp", "c1:/data/file/", tmp.toString());
    assertEquals(1, trailing.exit());
    assertTrue(trailing.err().contains("not a directory"), trailing.err());
    Result both = daemon.docker("cp", "c1:/a", "c1:/b");
    assertTrue(both.err().contains("copying between containers is not supported"), both.err());
  }

  /**
   * While a copy works on a running container's files its processes are frozen, so none can swap a path
   * for a symlink between its resolution and its use (CVE-2018-15664); they run again after.
   */
  @Test
  void aRunningContainerIsFrozenDuringACopy() throws Exception {
    String id = daemon.docker("inspect", "-f", "{{.Id}}", "c1").ok().line();
    Path state = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"))
        ? Path.of("/sys/fs/cgroup/berth", id, "cgroup.events")
        : Path.of("/sys/fs/cgroup/freezer/berth", id, "freezer.state");
    Files.writeString(tmp.resolve("slow.txt"), "x".repeat(100_000));
    shell("cd " + tmp + " && tar -cf slow.tar slow.txt").ok();
    // the copy's input arrives in two parts two seconds apart: the copy is under way in between
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", "(head -c 20000 slow.tar; sleep 2; tail -c +20001 slow.tar)"
        + " | docker cp - c1:/tmp").directory(tmp.toFile()).redirectErrorStream(true);
    pb.environment().put("DOCKER_HOST", daemon.host());
    pb.environment().put("DOCKER_CONFIG", tmp.resolve("docker-config").toString());
    Process copy = pb.start();
    copy.getOutputStream().close();
    boolean sawFrozen = false;
    for (int i = 0; i < 150 && !sawFrozen; i++) {
      String s = Files.readString(state);
      sawFrozen = s.contains("FROZEN") && !s.contains("FREEZING") || s.contains("frozen 1");
      Thread.sleep(10);
    }
    assertTrue(copy.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(0, copy.exitValue(), new String(copy.getInputStream().readAllBytes()));
    assertTrue(sawFrozen, "frozen while the copy ran");
    String after = Files.readString(state);
    assertTrue(after.contains("THAWED") || after.contains("frozen 0"), after);
    assertEquals("100000", daemon.docker("exec", "c1", "sh", "-c", "wc -c < /tmp/slow.txt").ok().line().strip());

    // berthd killed in the middle of a copy: the next berthd thaws the container
    Process stuck = pb.start();
    stuck.getOutputStream().close();
    for (int i = 0; i < 150 && !Files.readString(state).contains("FROZEN") && !Files.readString(state)
        .contains("frozen 1"); i++) {
      Thread.sleep(10);
    }
    for (int i = 0; i < 150 && boundOnTheHost().isEmpty(); i++) {
      Thread.sleep(10); // bound right after the freeze
    }
    assertFalse(boundOnTheHost().isEmpty(), "the container's network files are bound during the copy");
    daemon.kill9();
    stuck.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    daemon.restart();
    String restarted = Files.readString(state);
    assertTrue(restarted.contains("THAWED") || restarted.contains("frozen 0"), restarted);
    assertEquals(List.of(), boundOnTheHost(), "and unbound by the next berthd");
    assertEquals("running", daemon.docker("inspect", "-f", "{{.State.Status}}", "c1").ok().line());
  }

  @Test
  void tarThroughStdinAndStdout() throws IOException {
    Result listing = shell("docker cp c1:/data - | tar -tf - | sort");
    assertEquals(List.of("data/", "data/file", "data/sub/", "data/sub/deep"), listing.ok().out().lines().toList());
    Files.writeString(tmp.resolve("s.txt"), "from stdin");
    shell("cd " + tmp + " && tar -cf - s.txt | docker cp - c1:/tmp").ok();
    assertEquals("from stdin", inContainer("c1", "/tmp/s.txt"));
    Result notDir = shell("tar -cf - -C " + tmp + " s.txt | docker cp - c1:/data/file");
    assertEquals(1, notDir.exit());
    assertTrue(notDir.err().contains("destination \"c1:/data/file\" must be a directory"), notDir.err());
  }

  @Test
  void stoppedContainer() throws IOException {
    String id = daemon.docker("create", "busybox", "true").ok().line();
    Files.writeString(tmp.resolve("offline"), "offline");
    daemon.docker("cp", tmp.resolve("offline").toString(), id + ":/offline").ok();
    assertEquals("offline", inContainer(id, "/offline"));
    daemon.docker("cp", "-L", id + ":/bin/sh", tmp.resolve("sh").toString()).ok();
    assertTrue(Files.size(tmp.resolve("sh")) > 100_000, "the image's busybox, followed with -L");
    daemon.docker("start", "-a", id).ok();
    assertEquals("offline", inContainer(id, "/offline"), "still there after a run");
    daemon.docker("rm", id).ok();
  }

  /** As dockerd: cp sees the container's own hosts, hostname and resolv.conf, and cannot replace them. */
  @Test
  void theContainersNetworkFiles() throws IOException {
    String hosts = daemon.docker("exec", "c1", "cat", "/etc/hosts").ok().out();
    assertTrue(hosts.contains("localhost"), hosts);
    assertEquals(hosts, inContainer("c1", "/etc/hosts"));
    assertEquals(daemon.docker("exec", "c1", "hostname").ok().line() + "\n", inContainer("c1", "/etc/hostname"));
    Result etc = shell("docker cp c1:/etc - | tar -xOf - etc/resolv.conf");
    assertEquals(daemon.docker("exec", "c1", "cat", "/etc/resolv.conf").ok().out(), etc.ok().out());

    Files.writeString(tmp.resolve("hosts"), "10.9.9.9 replaced\n");
    Result replace = daemon.docker("cp", tmp.resolve("hosts").toString(), "c1:/etc/hosts");
    assertEquals(1, replace.exit());
    assertTrue(replace.err().contains(
        "Error processing tar file(exit status 1): unlinkat /etc/hosts: device or resource busy"), replace.err());
    assertEquals(hosts, daemon.docker("exec", "c1", "cat", "/etc/hosts").ok().out(), "the container's file is untouched");
    assertEquals("3", daemon.docker("exec", "c1", "grep", "-cE", " /etc/(hosts|hostname|resolv.conf) ", "/proc/mounts")
        .ok().line().strip(), "its binds are all still there");
    assertEquals(List.of(), boundOnTheHost(), "nothing stays bound on the host side");
  }

  /** Mounts on the host side under a container root's /etc (cp's binds of the network files). */
  private static List<String> boundOnTheHost() throws IOException {
    return Files.readString(Path.of("/proc/self/mountinfo")).lines()
        .filter(l -> l.contains(daemon.dataRoot.toString()) && l.contains("/etc/")).toList();
  }

  @Test
  void symlinksCannotReachTheHost() throws IOException {
    assertEquals("root:x:0:0:container-root:/root:/bin/sh\n", inContainer("c1", "/evil/passwd"));
    assertEquals("root:x:0:0:container-root:/root:/bin/sh\n", inContainer("c1", "/up/etc/passwd"));
    assertEquals("root:x:0:0:container-root:/root:/bin/sh\n", inContainer("c1", "/up/up/up/etc/passwd"));
    Files.writeString(tmp.resolve("x"), "planted");
    daemon.docker("cp", tmp.resolve("x").toString(), "c1:/evil/x").ok();
    daemon.docker("cp", tmp.resolve("x").toString(), "c1:/up/up/etc/y").ok();
    assertFalse(Files.exists(Path.of("/etc/x")));
    assertFalse(Files.exists(Path.of("/etc/y")));
    assertEquals("planted", inContainer("c1", "/etc/x"));
    assertEquals("planted", inContainer("c1", "/etc/y"));
    assertEquals(hostPasswd, Files.readString(Path.of("/etc/passwd")));
    // the symlink itself is copied as a symlink
    daemon.docker("cp", "c1:/evil", tmp.resolve("evil").toString()).ok();
    assertTrue(Files.isSymbolicLink(tmp.resolve("evil")));
    assertEquals("/etc", Files.readSymbolicLink(tmp.resolve("evil")).toString());
  }

  @Test
  void followLinkAndEvents() throws IOException {
    daemon.docker("cp", "-L", "c1:/evil", tmp.resolve("etc").toString()).ok();
    assertEquals("root:x:0:0:container-root:/root:/bin/sh\n", Files.readString(tmp.resolve("etc/passwd")));
    Files.writeString(tmp.resolve("ev"), "ev");
    daemon.docker("cp", tmp.resolve("ev").toString(), "c1:/tmp").ok();
    long now = System.currentTimeMillis() / 1000;
    Result events = daemon.docker("events", "--since", "0", "--until", Long.toString(now + 1), "--filter",
        "container=c1", "--format", "{{.Action}}").ok();
    assertTrue(events.out().lines().anyMatch("archive-path"::equals), events.toString());
    assertTrue(events.out().lines().anyMatch("extract-to-dir"::equals), events.toString());
  }
}
