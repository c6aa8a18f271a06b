package io.berth.runtime;

import io.berth.common.Json;
import io.berth.sys.SeccompBpf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** exec sessions through berth-exec in a real busybox container (needs root, conmon, runc, busybox-static). */
@org.junit.jupiter.api.Tag("root") // needs root: runs in the verify phase
class ExecLauncherTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private Sandbox sandbox;
  private String id;
  private Launch container;
  private final ExecLauncher launcher = new ExecLauncher(ExecLauncher.defaultBinary());

  @BeforeEach
  void setUp() throws Exception {
    sandbox = new Sandbox();
    id = sandbox.newId("exec");
    container = sandbox.prepare(id, List.of("busybox", "sleep", "60"), false, false, false, 0);
    sandbox.launchAndStart(container);
  }

  @AfterEach
  void tearDown() throws Exception {
    launcher.close();
    sandbox.close();
  }

  private ExecLaunch session(String name, List<String> args, boolean tty, boolean stdin) throws Exception {
    Map<String, Object> config = Json.object(Files.readAllBytes(container.bundle().resolve("config.json")));
    @SuppressWarnings("unchecked")
    Map<String, Object> process = new HashMap<>((Map<String, Object>) config.get("process"));
    process.put("args", args);
    process.put("terminal", tty);
    Path dir = sandbox.root.resolve("execs").resolve(name);
    Files.createDirectories(dir);
    long pid = sandbox.runtime.state(id).pid();
    Path bpf = null;
    if (config.get("linux") instanceof Map<?, ?> linux && linux.get("seccomp") instanceof Map<?, ?> seccomp) {
      bpf = dir.resolve("seccomp.bpf");
      Files.write(bpf, SeccompBpf.compile(seccomp));
    }
    return new ExecLaunch(id, name, dir, new ExecPlan(pid, ExecPlan.namespaces(config),
        ProcessCgroups.procsFiles(pid), process, bpf, stdin));
  }

  /** Reads the session's output to its end on a platform thread: [stdout, stderr]. */
  private static Thread pump(ProcessStdio stdio, ByteArrayOutputStream out, ByteArrayOutputStream err) {
    return Thread.ofPlatform().start(() -> {
      try {
        AttachSocket.Packet packet;
        while ((packet = stdio.read()) != null) {
          (packet.stream() == AttachSocket.STDERR ? err : out).writeBytes(packet.data());
        }
      } catch (Exception e) {
        err.writeBytes(e.toString().getBytes(StandardCharsets.UTF_8));
      }
    });
  }

  @Test
  void outputOnBothStreamsStdinAndExitCode() throws Exception {
    ExecLaunch spec = session("e1", List.of("sh", "-c", "read x; echo out:$x; echo err >&2; exit 5"), false, true);
    java.util.concurrent.atomic.AtomicLong launched = new java.util.concurrent.atomic.AtomicLong();
    ExecProcess p = launcher.start(spec, launched::set);
    assertEquals(p.launcherPid(), launched.get(), "the launcher is named before the process starts");
    assertTrue(p.pid() > 0 && p.launcherPid() > 0, p.toString());
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    Thread pump = pump(p.stdio(), out, err);
    p.stdio().write("hi\n".getBytes(StandardCharsets.UTF_8), 0, 3);
    p.stdio().closeStdin();
    assertEquals(5, p.exit().get(WAIT.toSeconds(), TimeUnit.SECONDS));
    pump.join(WAIT.toMillis());
    assertEquals("out:hi\n", out.toString(StandardCharsets.UTF_8));
    assertEquals("err\n", err.toString(StandardCharsets.UTF_8));
    assertEquals(OptionalInt.of(5), ExecLauncher.exitCode(p.exitFile(), p.launcherPid()), "the exit file agrees");
    assertEquals("running", sandbox.runtime.state(id).status(), "the container is untouched");
  }

  @Test
  void ttySessionSeesItsSize() throws Exception {
    ExecLaunch spec = session("e2", List.of("sh", "-c", "read x; busybox stty size; exit 3"), true, true);
    ExecProcess p = launcher.start(spec, launcherPid -> { });
    var out = new ByteArrayOutputStream();
    Thread pump = pump(p.stdio(), out, out);
    p.terminal().resize(33, 77);
    p.stdio().write("go\n".getBytes(StandardCharsets.UTF_8), 0, 3);
    assertEquals(3, p.exit().get(WAIT.toSeconds(), TimeUnit.SECONDS));
    pump.join(WAIT.toMillis());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("33 77"), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aMissingExecutableIsRuncsError() throws Exception {
    ExecLaunch spec = session("e3", List.of("no-such-binary"), false, false);
    var e = assertThrows(OciRuntimeException.class, () -> launcher.start(spec, launcherPid -> { }));
    assertEquals("exec failed: unable to start container process: exec: \"no-such-binary\": executable file not "
        + "found in $PATH", e.runtimeMessage());
  }

  @Test
  void oneForkServerStartsTheLauncherOfEachSession() throws Exception {
    Path sockets = sandbox.root.resolve("execs");
    launcher.listenIn(sockets);
    Long server = null;
    for (int i = 0; i < 3; i++) {
      ExecLaunch spec = session("s" + i, List.of("sh", "-c", "sleep 0.2; echo run" + i), false, false);
      ExecProcess p = launcher.start(spec, launcherPid -> { });
      long parent = ProcessHandle.of(p.launcherPid()).orElseThrow().parent().orElseThrow().pid();
      assertTrue(parent != ProcessHandle.current().pid(), "forked by the server, not started by berthd");
      if (server != null) {
        assertEquals(server, parent, "the same server forks each");
      }
      server = parent;
      assertTrue(Files.exists(sockets.resolve("launcher.sock")), "its socket is in the given directory");
      var out = new ByteArrayOutputStream();
      Thread pump = pump(p.stdio(), out, out);
      assertEquals(0, p.exit().get(WAIT.toSeconds(), TimeUnit.SECONDS));
      pump.join(WAIT.toMillis());
      assertEquals("run" + i + "\n", out.toString(StandardCharsets.UTF_8));
    }
    launcher.close();
    assertTrue(!Files.exists(sockets.resolve("launcher.sock")), "closing removes the socket");
  }

  @Test
  void theSessionOutlivesItsClient() throws Exception {
    ExecLaunch spec = session("e4", List.of("sh", "-c", "sleep 0.3; echo late; exit 9"), false, false);
    ExecProcess p = launcher.start(spec, launcherPid -> { });
    p.stdio().close(); // as a client that went away: output is dropped, the process runs on
    assertEquals(9, p.exit().get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertEquals(OptionalInt.of(9), ExecLauncher.exitCode(p.exitFile(), p.launcherPid()));
  }
}
