package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code exec} through the Docker CLI and bin/berth, into one long-running busybox container. */
@org.junit.jupiter.api.extension.ExtendWith(BerthdExtension.class)
class ExecTest {
  private static Berthd daemon; // set by BerthdExtension
  private static String box;

  @BeforeAll
  static void start() throws IOException {
    box = daemon.docker("run", "-d", "--name", "box", "-e", "FROM_CONTAINER=yes", "busybox", "sleep", "600")
        .ok().line();
  }

  @Test
  void outputAndExitCode() {
    assertEquals("hi", daemon.docker("exec", "box", "echo", "hi").ok().line());
    assertEquals("hi", daemon.berth("exec", "box", "echo", "hi").ok().line());
    Result seven = daemon.docker("exec", "box", "sh", "-c", "echo out; echo err >&2; exit 7");
    assertEquals(7, seven.exit(), seven.toString());
    assertEquals("out", seven.out().strip());
    assertEquals("err", seven.err().strip(), "stderr stays apart without a TTY");
    assertEquals(7, daemon.berth("exec", "box", "sh", "-c", "exit 7").exit());
  }

  /**
   * As runc does for the container's init: a syscall above every number the seccomp profile names is "not
   * implemented" (ENOSYS, which C libraries fall back on), not the profile's EPERM.
   */
  @Test
  void syscallsNewerThanTheSeccompProfileAreNotImplemented(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws IOException {
    Files.writeString(tmp.resolve("probe.c"), """
        #include <errno.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <unistd.h>
        int main(int argc, char **argv) {
            long r = syscall(atol(argv[1]));
            printf("%ld %d\\n", r, r < 0 ? errno : 0);
            return 0;
        }
        """);
    Berthd.exec(List.of("gcc", "-static", "-O2", "-o", tmp.resolve("probe").toString(),
        tmp.resolve("probe.c").toString()), Map.of(), null).ok();
    daemon.docker("cp", tmp.resolve("probe").toString(), "box:/probe").ok();
    assertEquals("-1 38", daemon.docker("exec", "box", "/probe", "1000").ok().line(), "exec: ENOSYS");
    String init = daemon.docker("create", "busybox", "/probe", "1000").ok().line();
    try {
      daemon.docker("cp", tmp.resolve("probe").toString(), init + ":/probe").ok();
      assertEquals("-1 38", daemon.docker("start", "-a", init).ok().line(), "the same as the init under runc");
    } finally {
      daemon.docker("rm", "-f", init);
    }
  }

  @Test
  void userWorkdirAndEnv() {
    for (var cli : List.of("docker", "berth")) {
      assertEquals("65534", run(cli, "exec", "-u", "nobody", "box", "id", "-u").ok().line());
      assertEquals("/tmp", run(cli, "exec", "-w", "/tmp", "box", "pwd").ok().line());
      String env = run(cli, "exec", "-e", "A=1", "-e", "FROM_CONTAINER=exec", "box", "env").ok().out();
      assertTrue(env.lines().anyMatch("A=1"::equals), env);
      assertTrue(env.lines().anyMatch("FROM_CONTAINER=exec"::equals), "exec's Env overrides by key: " + env);
      assertTrue(env.lines().anyMatch(l -> l.startsWith("PATH=")), env);
    }
    assertEquals("yes", daemon.docker("exec", "box", "sh", "-c", "echo $FROM_CONTAINER").ok().line(),
        "the container's env is inherited");
  }

  @Test
  void joinsTheContainersNamespaces() {
    String hostname = daemon.docker("exec", "box", "hostname").ok().line();
    assertEquals(box.substring(0, 12), hostname);
    String ps = daemon.docker("exec", "box", "ps", "-o", "pid,args").ok().out();
    assertTrue(ps.lines().anyMatch(l -> l.strip().startsWith("1 ") && l.contains("sleep 600")), ps);
  }

  /** The exec'd process gets what the container's init has: capabilities, seccomp, no_new_privs, cgroups. */
  @Test
  void confinedLikeTheContainersInit() {
    String fields = "grep -E '^(Cap|NoNewPrivs|Seccomp)'";
    String init = daemon.docker("exec", "box", "sh", "-c", fields + " /proc/1/status; cat /proc/1/cgroup").ok().out();
    String self = daemon.docker("exec", "box", "sh", "-c", fields + " /proc/self/status; cat /proc/self/cgroup")
        .ok().out();
    assertEquals(init, self);
    assertTrue(self.contains("Seccomp:\t2"), "Docker's default seccomp filter applies: " + self);
    assertTrue(self.contains("CapBnd:\t00000000a80425fb"), "Docker's default capabilities: " + self);
    String privileged = daemon.docker("exec", "--privileged", "box", "grep", "CapEff", "/proc/self/status").ok().line();
    assertEquals(hostCapabilities(), privileged, "--privileged: every capability berthd has");
    Result cwd = daemon.docker("exec", "-w", "/nosuchdir", "box", "true");
    assertEquals(126, cwd.exit(), cwd.toString());
    assertTrue((cwd.out() + cwd.err()).contains(
        "chdir to cwd (\"/nosuchdir\") set in config.json failed: no such file or directory"), cwd.toString());
  }

  /** docker-py (Debian's python3-docker): exec_run with its exit code, both streams, demuxed, and a failure. */
  @Test
  void dockerPyExecRun() {
    String script = """
        import docker, sys
        c = docker.DockerClient(base_url=sys.argv[1])
        box = c.containers.get("box")
        r = box.exec_run(["sh", "-c", "echo out; echo err >&2; exit 3"])
        print(r.exit_code, r.output)
        r = box.exec_run(["sh", "-c", "echo out; echo err >&2"], demux=True, user="nobody", workdir="/tmp")
        print(r.exit_code, r.output)
        r = box.exec_run("nosuchcmd")
        print(r.exit_code)
        """;
    Result py = Berthd.exec(List.of("/usr/bin/python3", "-c", script, daemon.host()), Map.of(), null).ok();
    assertEquals(List.of("3 b'out\\nerr\\n'", "0 (b'out\\n', b'err\\n')", "127"), py.out().lines().toList());
  }

  /** A session can be inspected until its container is removed (dockerd's "No such exec instance" after). */
  @Test
  void sessionsGoWithTheirContainer() {
    String other = daemon.docker("run", "-d", "busybox", "sleep", "600").ok().line();
    String create = curl("-XPOST", "-H", "Content-Type: application/json", "-d", "{\"Cmd\":[\"true\"]}",
        "http://x/containers/" + other + "/exec");
    String execId = create.replaceAll(".*\"Id\":\"([0-9a-f]+)\".*", "$1").strip();
    assertTrue(curl("http://x/exec/" + execId + "/json").contains("\"Running\":false"), create);
    daemon.docker("rm", "-f", other).ok();
    assertTrue(curl("http://x/exec/" + execId + "/json").contains("No such exec instance: " + execId));
  }

  private static String curl(String... args) {
    List<String> cmd = new ArrayList<>(List.of("curl", "-s", "--unix-socket", daemon.socket.toString()));
    cmd.addAll(List.of(args));
    return Berthd.exec(cmd, Map.of(), null).ok().out();
  }

  @Test
  void stdinIsPiped() {
    assertEquals("from stdin", daemon.dockerIn("from stdin\n".getBytes(), "exec", "-i", "box", "cat").ok().line());
    assertEquals("from stdin", daemon.berthIn("from stdin\n".getBytes(), "exec", "-i", "box", "cat").ok().line());
  }

  @Test
  void commandsThatCannotRun() {
    for (var cli : List.of("docker", "berth")) {
      Result missing = run(cli, "exec", "box", "nosuchcommand");
      assertEquals(127, missing.exit(), missing.toString());
      assertTrue((missing.out() + missing.err()).contains(
          "OCI runtime exec failed: exec failed: unable to start container process: exec: \"nosuchcommand\": "
              + "executable file not found in $PATH: unknown"), missing.toString());
    }
  }

  @Test
  void stoppedPausedAndMissingContainers() {
    String stopped = daemon.docker("create", "busybox", "true").ok().line();
    try {
      for (var cli : List.of("docker", "berth")) {
        Result r = run(cli, "exec", stopped, "echo");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("Error response from daemon: container " + stopped + " is not running"), r.err());
        Result none = run(cli, "exec", "nosuch", "echo");
        assertEquals(1, none.exit());
        assertTrue(none.err().contains("No such container: nosuch"), none.err());
      }
      String paused = daemon.docker("run", "-d", "busybox", "sleep", "600").ok().line();
      daemon.docker("pause", paused).ok();
      Result r = daemon.docker("exec", paused, "echo");
      assertEquals(1, r.exit());
      assertTrue(r.err().contains("Container " + paused + " is paused, unpause the container before exec"), r.err());
      daemon.docker("unpause", paused).ok();
      daemon.docker("rm", "-f", paused).ok();
    } finally {
      daemon.docker("rm", "-f", stopped);
    }
  }

  @Test
  void ttySessionThroughAPseudoTerminal() {
    for (var cli : List.of("docker", Berthd.REPO.resolve("bin/berth").toString())) {
      Result r = Berthd.exec(List.of("script", "-qec",
              "stty cols 111 rows 33; " + cli + " exec -it box sh -c 'stty size; tty; exit 4'", "/dev/null"),
          Map.of("DOCKER_HOST", daemon.host()), null);
      assertEquals(4, r.exit(), r.toString());
      assertTrue(r.out().contains("33 111"), r.out());
      assertTrue(r.out().contains("/dev/pts/"), r.out());
    }
  }

  @Test
  void detachedExecShowsInTop() throws Exception {
    daemon.docker("exec", "-d", "box", "sleep", "123").ok();
    daemon.berth("exec", "-d", "box", "sleep", "124").ok();
    String top = "";
    for (int i = 0; i < 50 && !(top.contains("sleep 123") && top.contains("sleep 124")); i++) {
      Thread.sleep(100);
      top = daemon.docker("top", "box").ok().out();
    }
    assertTrue(top.contains("sleep 123") && top.contains("sleep 124"), top);
    assertEquals("2", daemon.docker("inspect", "-f", "{{len .ExecIDs}}", "box").ok().line(),
        "inspect lists the running sessions");
    daemon.docker("exec", "box", "killall", "sleep").ok(); // the container's own sleep is pid 1: immune
    String ids = "";
    for (int i = 0; i < 50 && !ids.equals("[]"); i++) {
      Thread.sleep(100);
      ids = daemon.docker("inspect", "-f", "{{.ExecIDs}}", "box").ok().line();
    }
    assertEquals("[]", ids, "none once the sessions ended");
  }

  @Test
  void concurrentExecs() {
    long started = System.nanoTime();
    List<CompletableFuture<Result>> runs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      int n = i;
      runs.add(CompletableFuture.supplyAsync(() ->
          daemon.docker("exec", "box", "sh", "-c", "sleep 1; echo run" + n + "; exit " + n),
          r -> Thread.ofVirtual().start(r)));
    }
    for (int i = 0; i < runs.size(); i++) {
      Result r = runs.get(i).join();
      assertEquals(i, r.exit(), r.toString());
      assertEquals("run" + i, r.line());
    }
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    assertTrue(seconds < 6, "eight one-second execs side by side took " + seconds + "s");
  }

  /** A session outlives a kill -9 of berthd: its process runs on, and the new berthd records its exit. */
  @Test
  void sessionsSurviveACrashOfBerthd() throws Exception {
    long since = System.currentTimeMillis() / 1000;
    // long enough to outlast a restart on a loaded machine
    daemon.docker("exec", "-d", "box", "sh", "-c", "sleep 15; touch /tmp/after-crash; exit 6").ok();
    daemon.kill9();
    daemon.restart();
    String execId = daemon.docker("inspect", "-f", "{{join .ExecIDs \",\"}}", "box").ok().line();
    String session = curl("http://x/exec/" + execId + "/json");
    assertTrue(session.contains("\"Running\":true"), "the restarted berthd knows the session: " + session);
    String pid = session.strip().replaceAll(".*\"Pid\":(\\d+).*", "$1");
    assertTrue(Files.exists(Path.of("/proc/" + pid)) && !pid.equals("0"), "its process's pid: " + session);
    String done = "";
    for (int i = 0; i < 300 && !done.equals("yes"); i++) {
      Thread.sleep(100);
      done = daemon.docker("exec", "box", "sh", "-c", "test -e /tmp/after-crash && echo yes || echo no").ok().line();
    }
    assertEquals("yes", done, "the session's process ran on");
    String events = "";
    for (int i = 0; i < 50 && !events.contains("exitCode=6"); i++) {
      Thread.sleep(200);
      events = daemon.docker("events", "--since", Long.toString(since), "--until", "0s", "--filter", "container=box",
          "--filter", "event=exec_die").ok().out();
    }
    assertTrue(events.contains("exitCode=6"), "the restarted berthd recorded the exit: " + events);
  }

  @Test
  void eventsNameTheSession() throws InterruptedException {
    daemon.docker("exec", "box", "sh", "-c", "exit 3");
    Thread.sleep(1100); // --until is taken to the second
    String events = daemon.docker("events", "--since", "0", "--until", "0s", "--filter", "container=box").ok().out();
    assertTrue(events.contains("exec_create: sh -c exit 3"), events);
    assertTrue(events.contains("exec_start: sh -c exit 3"), events);
    assertTrue(events.lines().anyMatch(l -> l.contains("exec_die") && l.contains("exitCode=3")), events);
  }

  private static String hostCapabilities() {
    try {
      return Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith("CapEff:")).findFirst().orElseThrow();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Result run(String cli, String... args) {
    return cli.equals("docker") ? daemon.docker(args) : daemon.berth(args);
  }
}
