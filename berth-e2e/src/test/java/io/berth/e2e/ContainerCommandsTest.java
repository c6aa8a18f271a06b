package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real containers through the Docker CLI and bin/berth against one berthd with its own bridge. */
@org.junit.jupiter.api.extension.ExtendWith(BerthdExtension.class)
class ContainerCommandsTest {
  private static Berthd daemon; // set by BerthdExtension

  @Test
  void runReturnsTheExitCodeAndOutput() {
    assertEquals("hello", daemon.docker("run", "--rm", "busybox", "echo", "hello").ok().line());
    assertEquals(3, daemon.docker("run", "--rm", "busybox", "sh", "-c", "exit 3").exit());
    Result missing = daemon.docker("run", "--rm", "busybox", "nosuchcommand");
    assertEquals(127, missing.exit(), missing.toString());
    assertTrue(missing.err().contains("executable file not found"), missing.err());
    assertEquals("hello", daemon.berth("run", "--rm", "busybox", "echo", "hello").ok().line());
    assertEquals(3, daemon.berth("run", "--rm", "busybox", "sh", "-c", "exit 3").exit());
    Result noImage = daemon.docker("run", "--rm", "nosuchimage");
    assertEquals(125, noImage.exit());
    assertTrue(noImage.err().contains("Unable to find image 'nosuchimage:latest' locally"), noImage.err());
    assertEquals("", daemon.docker("ps", "-aq").ok().line(), "--rm containers are gone");
  }

  @Test
  void runtimesAreChosenPerContainer() {
    Result bogus = daemon.docker("run", "--rm", "--runtime", "bogus", "busybox", "true");
    assertEquals(125, bogus.exit());
    assertTrue(bogus.err().contains("unknown or invalid runtime name: bogus"), bogus.err());
    String runtime = daemon.docker("info", "--format", "{{.DefaultRuntime}}").ok().line();
    assertEquals("ok", daemon.docker("run", "--rm", "--runtime", runtime, "busybox", "echo", "ok").ok().line());
    String id = daemon.docker("create", "busybox").ok().line();
    assertEquals(runtime, daemon.docker("inspect", "-f", "{{.HostConfig.Runtime}}", id).ok().line());
    daemon.docker("rm", id).ok();
  }

  @Test
  void containersAreIsolated() {
    String out = daemon.docker("run", "--rm", "-h", "box1", "busybox", "sh", "-c",
        "echo pid=$$; hostname; ls /sys/class/net | tr '\\n' ' '; echo; grep -c . /proc/self/mounts").ok().out();
    List<String> lines = out.lines().toList();
    assertEquals("pid=1", lines.get(0), out);
    assertEquals("box1", lines.get(1));
    assertEquals("eth0 lo", lines.get(2).strip(), "only its own interfaces");
    assertTrue(Integer.parseInt(lines.get(3).strip()) < 40, "its own mount table: " + out);
    String ip = daemon.docker("run", "--rm", "busybox", "sh", "-c", "ip -4 -o addr show eth0").ok().line();
    assertTrue(ip.contains("10.217."), ip);
    assertEquals("lo", daemon.docker("run", "--rm", "--network", "none", "busybox", "ls", "/sys/class/net").ok().line());
  }

  @Test
  void detachedLifecycle() throws Exception {
    String id = daemon.docker("run", "-d", "--name", "svc", "busybox", "sh", "-c",
        "echo out; echo err >&2; while true; do sleep 1; done").ok().line();
    assertTrue(id.matches("[0-9a-f]{64}"), id);
    Thread.sleep(300);
    assertTrue(daemon.docker("ps").ok().out().contains("svc"));
    assertTrue(daemon.berth("ps").ok().out().contains("svc"));
    Result logs = daemon.docker("logs", "svc").ok();
    assertEquals("out", logs.out().strip());
    assertEquals("err", logs.err().strip(), "stdout and stderr stay apart");
    assertEquals("running", daemon.docker("inspect", "-f", "{{.State.Status}}", "svc").ok().line());
    Result rm = daemon.docker("rm", "svc");
    assertEquals(1, rm.exit());
    assertTrue(rm.err().contains("container is running"), rm.err());
    daemon.docker("stop", "-t", "1", "svc").ok();
    assertEquals("137", daemon.docker("inspect", "-f", "{{.State.ExitCode}}", "svc").ok().line());
    daemon.berth("rm", "svc").ok();
    Result gone = daemon.docker("inspect", "svc");
    assertEquals(1, gone.exit());
    assertTrue(gone.err().contains("No such object: svc") || gone.err().contains("No such container"), gone.err());
    assertFalse(conmonRunning(id), "no monitor left after rm");
  }

  /**
   * A --rm container's root is mounted volatile (its unmount does not sync the host's filesystem), others' are
   * not; restart keeps a --rm container and its changes, as dockerd does; its next stop removes it.
   */
  @Test
  void autoRemoveContainersHaveAVolatileRootAndSurviveARestart() throws Exception {
    String rootOptions = "grep '^overlay / ' /proc/mounts | grep -c volatile";
    assertEquals("1", daemon.docker("run", "--rm", "busybox", "sh", "-c", rootOptions).ok().line());
    assertEquals("0", daemon.docker("run", "--name", "kept", "busybox", "sh", "-c", rootOptions).out().strip());
    daemon.docker("rm", "kept").ok();
    String id = daemon.docker("run", "-d", "--rm", "busybox", "sh", "-c", "echo start >> /log; sleep 1000").ok().line();
    daemon.docker("restart", "-t", "1", id).ok();
    daemon.docker("restart", "-t", "1", id).ok(); // mounted again over a volatile mount's mark
    assertEquals("start start start", daemon.docker("exec", id, "cat", "/log").ok().out().strip().replace('\n', ' '));
    daemon.docker("stop", "-t", "1", id).ok();
    for (int i = 0; i < 50 && daemon.docker("inspect", id).exit() == 0; i++) {
      Thread.sleep(100);
    }
    assertEquals(1, daemon.docker("inspect", id).exit(), "the stop removed it");
  }

  @Test
  void resourceLimitsReachTheCgroup() {
    String id = daemon.docker("run", "-d", "-m", "64m", "--pids-limit", "50", "--cpus", "0.5", "busybox",
        "sleep", "30").ok().line();
    try {
      assertEquals("67108864", cgroupFile("memory", id, "memory.limit_in_bytes", "memory.max"));
      assertEquals("50", cgroupFile("pids", id, "pids.max", "pids.max"));
      assertEquals(67108864L, Long.parseLong(
          daemon.docker("inspect", "-f", "{{.HostConfig.Memory}}", id).ok().line()));
      Result bad = daemon.docker("run", "--rm", "-m", "1k", "busybox", "true");
      assertEquals(125, bad.exit());
      assertTrue(bad.err().contains("Minimum memory limit allowed is 6MB"), bad.err());
    } finally {
      daemon.docker("rm", "-f", id);
    }
  }

  private static String cgroupFile(String controller, String id, String v1, String v2) {
    Path unified = Path.of("/sys/fs/cgroup/cgroup.controllers");
    Path file = Files.exists(unified) ? Path.of("/sys/fs/cgroup/berth", id, v2)
        : Path.of("/sys/fs/cgroup", controller, "berth", id, v1);
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }

  @Test
  void pauseUnpauseAndForceRemoveWhilePaused() {
    String id = daemon.docker("run", "-d", "busybox", "sleep", "60").ok().line();
    daemon.docker("pause", id).ok();
    assertEquals("paused", daemon.docker("inspect", "-f", "{{.State.Status}}", id).ok().line());
    assertTrue(daemon.docker("ps", "--filter", "id=" + id).ok().out().contains("(Paused)"));
    daemon.berth("unpause", id).ok();
    assertEquals("running", daemon.docker("inspect", "-f", "{{.State.Status}}", id).ok().line());
    daemon.docker("pause", id).ok();
    daemon.docker("rm", "-f", id).ok();
    assertEquals(1, daemon.docker("inspect", id).exit());
  }

  @Test
  void restartPolicyOnFailure() throws Exception {
    String id = daemon.docker("run", "-d", "--restart", "on-failure:2", "busybox", "sh", "-c", "exit 1").ok().line();
    for (int i = 0; i < 100; i++) {
      String state = daemon.docker("inspect", "-f", "{{.RestartCount}} {{.State.Status}}", id).ok().line();
      if (state.equals("2 exited")) {
        break;
      }
      Thread.sleep(100);
    }
    assertEquals("2 exited", daemon.docker("inspect", "-f", "{{.RestartCount}} {{.State.Status}}", id).ok().line());
    daemon.docker("rm", id).ok();
    // "exited" must mean the last run is over: an rm during a restart's start leaked its cgroup
    for (Path cgroup : List.of(Path.of("/sys/fs/cgroup/berth", id), Path.of("/sys/fs/cgroup/pids/berth", id))) {
      assertFalse(Files.exists(cgroup), cgroup + " left behind");
    }
  }

  /** rm -f of a container between its restarts, at moments that fall before, during and after a restart's start. */
  @Test
  void removeWhileRestarting() throws Exception {
    for (int i = 0; i < 8; i++) {
      String id = daemon.docker("run", "-d", "--restart", "always", "busybox", "true").ok().line();
      Thread.sleep(40L * i);
      daemon.docker("rm", "-f", id).ok();
      assertEquals(1, daemon.docker("inspect", id).exit(), "removed");
      for (Path cgroup : List.of(Path.of("/sys/fs/cgroup/berth", id), Path.of("/sys/fs/cgroup/pids/berth", id))) {
        for (int wait = 0; wait < 20 && Files.exists(cgroup); wait++) {
          Thread.sleep(100);
        }
        assertFalse(Files.exists(cgroup), cgroup + " left behind after " + 40 * i + " ms");
      }
    }
  }

  @Test
  void liveRestoreAcrossKill9() throws Exception {
    daemon.docker("run", "-d", "--name", "survivor", "busybox", "sh", "-c",
        "i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done").ok();
    daemon.docker("run", "-d", "--name", "ender", "busybox", "sh", "-c", "sleep 1; exit 7").ok();
    daemon.docker("run", "-d", "--rm", "--name", "vanisher", "busybox", "sleep", "1").ok();
    daemon.kill9();
    Thread.sleep(2000);
    daemon.restart();
    assertEquals("running", daemon.docker("inspect", "-f", "{{.State.Status}}", "survivor").ok().line());
    assertEquals("exited 7", daemon.docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "ender").ok().line());
    assertEquals(1, daemon.docker("inspect", "vanisher").exit(), "the --rm container that exited is removed");
    assertTrue(daemon.docker("logs", "survivor").ok().out().contains("tick 1"));
    daemon.docker("stop", "-t", "1", "survivor").ok();
    daemon.docker("rm", "survivor", "ender").ok();
  }

  @Test
  void ttySessionThroughAPseudoTerminal() {
    Result r = Berthd.exec(List.of("script", "-qec",
            "stty cols 123 rows 45; docker run -it --rm busybox sh -c 'stty size; tty; exit 4'", "/dev/null"),
        Map.of("DOCKER_HOST", daemon.host()), null);
    assertEquals(4, r.exit(), r.toString());
    assertTrue(r.out().contains("45 123"), r.out());
    assertTrue(r.out().contains("/dev/pts/0"), r.out());
  }

  /** ctrl-p ctrl-q leaves the container running; attach brings the same shell back. */
  @Test
  void ttyDetachAndReattach() {
    Result detach = Berthd.exec(List.of("sh", "-c",
            "(sleep 2; printf '\\020\\021'; sleep 1) | script -qec 'docker run -it --name tty1 busybox sh' /dev/null"),
        Map.of("DOCKER_HOST", daemon.host()), null);
    assertEquals(0, detach.exit(), detach.toString());
    assertEquals("running", daemon.docker("inspect", "-f", "{{.State.Status}}", "tty1").ok().line());
    Result attach = Berthd.exec(List.of("sh", "-c",
            "(sleep 1; printf 'echo back-again\\nexit 3\\n'; sleep 2) | script -qec 'docker attach tty1' /dev/null"),
        Map.of("DOCKER_HOST", daemon.host()), null);
    assertEquals(3, attach.exit(), attach.toString());
    assertTrue(attach.out().contains("back-again"), attach.out());
    assertEquals("exited 3", daemon.docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "tty1").ok()
        .line());
    daemon.docker("rm", "tty1").ok();
  }

  /** json-file's max-size/max-file: old lines rotate out, logs reads the kept files in order. */
  @Test
  void logsRotateWithMaxSizeAndMaxFile() throws Exception {
    String id = daemon.docker("run", "-d", "--log-opt", "max-size=2k", "--log-opt", "max-file=3", "busybox", "sh",
        "-c", "i=0; while [ $i -lt 400 ]; do echo line-$i-padding-padding-padding; i=$((i+1)); "
            + "[ $((i % 20)) -eq 0 ] && sleep 0.3; done").ok().line();
    assertEquals("0", daemon.docker("wait", id).ok().line());
    Path dir = daemon.dataRoot.resolve("containers").resolve(id);
    assertTrue(Files.exists(dir.resolve("container.log.1")), "rotated");
    assertFalse(Files.exists(dir.resolve("container.log.3")), "at most max-file files");
    List<String> lines = daemon.docker("logs", id).ok().out().lines().toList();
    assertEquals("line-399-padding-padding-padding", lines.getLast());
    assertTrue(lines.size() < 400, "the oldest lines rotated out: " + lines.size());
    for (int i = 1; i < lines.size(); i++) {
      int prev = Integer.parseInt(lines.get(i - 1).split("-")[1]);
      int next = Integer.parseInt(lines.get(i).split("-")[1]);
      assertEquals(prev + 1, next, "in order, none lost within the kept files");
    }
    assertEquals(List.of("line-398-padding-padding-padding", "line-399-padding-padding-padding"),
        daemon.docker("logs", "--tail", "2", id).ok().out().lines().toList());
    Result bad = daemon.docker("run", "--rm", "--log-opt", "max-file=x", "--log-opt", "max-size=1k", "busybox", "true");
    assertEquals(125, bad.exit());
    daemon.docker("rm", id).ok();
  }

  /** --details: each line after its log attributes and a space (berth's logs hold none); -t: nine digits always. */
  @Test
  void logsWithDetailsAndFixedTimestamps() throws Exception {
    String id = daemon.docker("run", "-d", "busybox", "sh", "-c", "echo one; echo two").ok().line();
    daemon.docker("wait", id).ok();
    assertEquals(" one\n two\n", daemon.docker("logs", "--details", id).ok().out());
    assertEquals(" one\n two\n", daemon.berth("logs", "--details", id).ok().out());
    for (String line : daemon.docker("logs", "-t", "--details", id).ok().out().split("\n")) {
      assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z  (one|two)"), line);
    }
    daemon.docker("rm", id).ok();
  }

  @Test
  void oomKillIsReported() {
    Result r = daemon.docker("run", "--name", "hog", "-m", "8m", "--memory-swap", "8m", "busybox", "sh", "-c",
        "x=$(head -c 50m /dev/zero | tr '\\0' a); echo survived");
    assertEquals(137, r.exit(), r.toString());
    assertEquals("true 137", daemon.docker("inspect", "-f", "{{.State.OOMKilled}} {{.State.ExitCode}}", "hog").ok()
        .line());
    // --until as whole seconds (the CLI sends durations that way): a moment ahead, so this second counts
    String until = Long.toString(System.currentTimeMillis() / 1000 + 2);
    assertTrue(daemon.docker("events", "--since", "1m", "--until", until, "--filter", "event=oom", "--format",
        "{{.Actor.Attributes.name}}").ok().out().contains("hog"));
    daemon.docker("rm", "hog").ok();
  }

  @Test
  void statsAndTopSeeTheContainersProcesses() {
    String id = daemon.docker("run", "-d", "-m", "64m", "busybox", "sh", "-c", "while true; do :; done").ok().line();
    try {
      String stats = daemon.docker("stats", "--no-stream", "--format", "{{.CPUPerc}} {{.MemUsage}}", id).ok().line();
      double cpu = Double.parseDouble(stats.substring(0, stats.indexOf('%')));
      assertTrue(cpu > 20, "a busy loop shows as busy: " + stats);
      assertTrue(stats.contains("/ 64MiB"), "the limit is the container's: " + stats);
      String top = daemon.berth("top", id).ok().out();
      assertTrue(top.contains("while true"), top);
      assertEquals(2, top.lines().count(), "only the container's processes: " + top);
    } finally {
      daemon.docker("rm", "-f", id);
    }
  }

  @Test
  void interactiveStdin() {
    Result r = daemon.dockerIn("echo hi from stdin\nexit 5\n".getBytes(), "run", "-i", "--rm", "busybox", "sh");
    assertEquals(5, r.exit(), r.toString());
    assertEquals("hi from stdin", r.line());
  }

  @Test
  void cleanShutdownLeavesNothing() throws Exception {
    try (Berthd other = Berthd.startWithBridge()) {
      other.dockerIn(Files.readAllBytes(Fixtures.busyboxTar()), "import", "-", "busybox").ok();
      String id = other.docker("run", "-d", "busybox", "sleep", "300").ok().line();
      other.stop();
      assertFalse(conmonRunning(id), "the daemon stopped its containers");
      assertTrue(mountsUnder(other.dataRoot).isEmpty(), "nothing mounted: " + mountsUnder(other.dataRoot));
    }
  }

  private static boolean conmonRunning(String id) {
    return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine()
        .map(cmd -> cmd.contains("conmon") && cmd.contains(id)).orElse(false));
  }

  private static List<String> mountsUnder(Path root) throws IOException {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().map(l -> l.split(" ")[4])
        .filter(m -> m.startsWith(root.toString())).toList();
  }

  /** --live-restore: a clean stop of berthd leaves the container running, and the next berthd picks it up. */
  @Test
  void liveRestoreKeepsContainersAcrossACleanStop() throws Exception {
    try (Berthd own = Berthd.startWithBridge("--live-restore")) {
      own.dockerIn(Files.readAllBytes(Fixtures.busyboxTar()), "import", "-", "busybox").ok();
      String id = own.docker("run", "-d", "busybox", "sleep", "300").ok().line();
      String pid = own.docker("inspect", "-f", "{{.State.Pid}}", id).ok().line();
      assertEquals("true", own.docker("info", "-f", "{{.LiveRestoreEnabled}}").ok().line());
      assertEquals(0, own.stop());
      assertTrue(java.nio.file.Files.exists(java.nio.file.Path.of("/proc", pid)), "still running without berthd");
      own.restart();
      assertEquals("running " + pid, own.docker("inspect", "-f", "{{.State.Status}} {{.State.Pid}}", id).ok().line());
      own.docker("rm", "-f", id).ok();
    }
  }
}
