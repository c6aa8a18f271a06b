package io.berth.runtime;

import io.berth.common.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real containers under conmon and runc (needs root, conmon, runc and busybox-static). */
@org.junit.jupiter.api.Tag("root") // needs root: runs in the verify phase
class ConmonTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private Sandbox sandbox;

  @BeforeEach
  void setUp() throws Exception {
    sandbox = new Sandbox();
  }

  @AfterEach
  void tearDown() throws Exception {
    sandbox.close();
  }

  @Test
  void exitCodeAndBothStreamsApartInTheLog() throws Exception {
    String id = sandbox.newId("logs");
    Launch spec = sandbox.prepare(id, List.of("sh", "-c", "echo out; echo err >&2; printf tail; exit 3"),
        false, false, false, 0);
    var exits = new LinkedBlockingQueue<String>();
    try (ExitWatcher _ = ExitWatcher.start(sandbox.exitDir, (cid, code) -> exits.add(cid + "=" + code))) {
      ContainerProcess p = sandbox.conmon.launch(spec);
      assertTrue(p.pid() > 0 && p.conmonPid() > 0, p.toString());
      RuntimeState created = sandbox.runtime.state(id);
      assertEquals("created", created.status());
      assertEquals(p.pid(), created.pid());
      assertTrue(Conmon.isConmonFor(p.conmonPid(), id));
      assertInstanceOf(MonitorState.Monitored.class, Conmon.inspect(p.files()));

      sandbox.runtime.start(id, sandbox.runtime.state(id).pid());

      assertEquals(3, sandbox.awaitExit(id, WAIT));
      assertEquals(id + "=3", exits.poll(5, TimeUnit.SECONDS), "the watcher reports the exit");
      Sandbox.awaitGone(p.conmonPid(), WAIT);
      assertEquals(new MonitorState.Exited(3, false), Conmon.inspect(p.files()));
      assertEquals("stopped", sandbox.runtime.state(id).status());
    }

    List<LogEntry> entries = new ArrayList<>();
    new LogReader(spec.logPath()).read(LogReader.Options.ALL, entries::add, () -> true);
    List<String> seen = entries.stream().map(e -> e.stream() + ":" + e.partial() + ":" + e.text()).toList();
    assertTrue(seen.contains("STDOUT:false:out\n"), seen.toString());
    assertTrue(seen.contains("STDERR:false:err\n"), seen.toString());
    assertTrue(seen.contains("STDOUT:true:tail"), seen.toString());
    assertEquals(3, entries.size(), seen.toString());

    sandbox.runtime.delete(id, false);
    var missing = assertThrows(OciRuntimeException.class, () -> sandbox.runtime.state(id));
    assertTrue(missing.containerMissing(), missing.getMessage());
  }

  @Test
  void ttyOutputThroughAttachStdinInAndResizeThroughCtl() throws Exception {
    String id = sandbox.newId("tty");
    Launch spec = sandbox.prepare(id, List.of("sh", "-c",
            "while read line; do [ \"$line\" = quit ] && exit 7; echo \"got:$line\"; stty size; done"),
        true, true, false, 0);
    ContainerProcess p = sandbox.conmon.launch(spec);
    try (AttachSocket attach = AttachSocket.open(p.files().attachSocket())) {
      var output = new StringBuffer();
      var streams = new StringBuffer();
      Thread pump = Thread.ofPlatform().start(() -> {
        try {
          AttachSocket.Packet packet;
          while ((packet = attach.read()) != null) {
            streams.append(packet.stream());
            output.append(new String(packet.data(), StandardCharsets.UTF_8));
          }
        } catch (Exception e) {
          output.append("[error ").append(e).append(']');
        }
      });
      sandbox.runtime.start(id, sandbox.runtime.state(id).pid());
      Conmon.resize(p.files(), 40, 120);

      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!output.toString().contains("40 120") && System.nanoTime() < deadline) {
        attach.write("hello\n".getBytes(StandardCharsets.UTF_8));
        Thread.sleep(200);
      }
      String text = output.toString();
      assertTrue(text.contains("got:hello"), text);
      assertTrue(text.contains("40 120"), "stty sees the size written to ctl: " + text);
      assertTrue(text.contains("\r\n"), "a tty turns \\n into \\r\\n: " + text);
      assertTrue(streams.chars().allMatch(c -> c == '0' + AttachSocket.STDOUT), "a tty is one stream: " + streams);

      attach.write("quit\n".getBytes(StandardCharsets.UTF_8));
      assertEquals(7, sandbox.awaitExit(id, WAIT));
      pump.join(WAIT.toMillis());
      assertFalse(pump.isAlive(), "conmon closes attach connections when the container exits");
    }
    Sandbox.awaitGone(p.conmonPid(), WAIT);
    var e = assertThrows(java.io.IOException.class, () -> Conmon.resize(p.files(), 10, 10));
    assertTrue(e.getMessage().contains("not running"), "no hang when conmon is gone: " + e.getMessage());
  }

  @Test
  void closingStdinEndsACatAndOutputKeepsItsStream() throws Exception {
    String id = sandbox.newId("stdin");
    Launch spec = sandbox.prepare(id, List.of("sh", "-c", "cat; echo done >&2"), false, true, true, 0);
    ContainerProcess p = sandbox.conmon.launch(spec);
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    try (AttachSocket attach = AttachSocket.open(p.files().attachSocket())) {
      CompletableFuture<Void> pumped = CompletableFuture.runAsync(() -> {
        try {
          AttachSocket.Packet packet;
          while ((packet = attach.read()) != null) {
            (packet.stream() == AttachSocket.STDERR ? err : out).writeBytes(packet.data());
          }
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      }, r -> Thread.ofPlatform().start(r));
      sandbox.runtime.start(id, sandbox.runtime.state(id).pid());
      byte[] big = "0123456789abcdef".repeat(2048).getBytes(StandardCharsets.UTF_8); // 32 KiB: several packets
      attach.write(big);
      attach.write("\nend\n".getBytes(StandardCharsets.UTF_8));
      attach.closeStdin();
      assertEquals(0, sandbox.awaitExit(id, WAIT));
      pumped.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertEquals(new String(big, StandardCharsets.UTF_8) + "\nend\n", out.toString(StandardCharsets.UTF_8));
      assertEquals("done\n", err.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void sigtermStopsAContainerAndStatePauseResumeUpdateWork() throws Exception {
    String id = sandbox.newId("term");
    Launch spec = sandbox.prepare(id, List.of("sh", "-c", "trap 'exit 143' TERM; sleep 100 & wait"),
        false, false, false, 0);
    ContainerProcess p = sandbox.launchAndStart(spec);
    RuntimeState running = sandbox.runtime.state(id);
    assertTrue(running.running(), running.toString());
    assertEquals(p.pid(), running.pid());
    assertNotNull(running.created());
    assertTrue(sandbox.runtime.list().contains(id));

    sandbox.runtime.pause(id);
    assertEquals("paused", sandbox.runtime.state(id).status());
    sandbox.runtime.resume(id);
    assertEquals("running", sandbox.runtime.state(id).status());

    sandbox.runtime.update(id, "{\"memory\":{\"limit\":67108864},\"pids\":{\"limit\":50}}");
    Path memory = Path.of("/sys/fs/cgroup/memory" + sandbox.cgroupParent + "/" + id + "/memory.limit_in_bytes");
    if (Files.exists(memory)) {
      assertEquals("67108864", Files.readString(memory).strip());
    }

    sandbox.runtime.kill(id, Signals.parse("SIGTERM"));
    assertEquals(143, sandbox.awaitExit(id, WAIT));
    assertEquals(new MonitorState.Exited(143, false), Conmon.inspect(p.files()));
  }

  @Test
  void aMissingExecutableFailsTheLaunchWithTheRuntimeMessage() throws Exception {
    String id = sandbox.newId("noexec");
    Launch spec = sandbox.prepare(id, List.of("/bin/does-not-exist"), false, false, false, 0);
    var e = assertThrows(OciRuntimeException.class, () -> sandbox.conmon.launch(spec));
    assertTrue(e.runtimeMessage().contains("does-not-exist"), e.getMessage());
    assertTrue(e.runtimeMessage().contains("no such file or directory"), e.getMessage());
    assertFalse(sandbox.runtime.list().contains(id), "nothing is left created");
  }

  @Test
  void logSizeMaxMakesConmonStartTheLogAgain() throws Exception {
    String id = sandbox.newId("logmax");
    Launch spec = sandbox.prepare(id, List.of("sh", "-c",
        "i=0; while [ $i -lt 400 ]; do echo line-$i; i=$((i+1)); done"), false, false, false, 2000);
    sandbox.launchAndStart(spec);
    assertEquals(0, sandbox.awaitExit(id, WAIT));
    long size = Files.size(spec.logPath());
    assertTrue(size <= 2000, "log kept under its maximum: " + size);
    List<LogEntry> entries = new ArrayList<>();
    new LogReader(spec.logPath()).read(LogReader.Options.ALL, entries::add, () -> true);
    assertEquals("line-399\n", entries.getLast().text(), "the newest records survive truncation");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anOomKillLeavesTheOomFile() throws Exception {
    String id = sandbox.newId("oom");
    Launch spec = sandbox.prepare(id, List.of("sh", "-c",
        "x=$(head -c 100000000 /dev/zero | tr '\\0' a); echo ${#x}"), false, false, false, 0);
    Path config = spec.bundle().resolve("config.json");
    Map<String, Object> json = Json.object(Files.readAllBytes(config));
    ((Map<String, Object>) json.get("linux")).put("resources",
        Json.map("memory", Json.map("limit", 16 << 20, "swap", 16 << 20)));
    Files.write(config, Json.bytes(json));
    ContainerProcess p = sandbox.launchAndStart(spec);
    assertEquals(137, sandbox.awaitExit(id, WAIT));
    assertEquals(new MonitorState.Exited(137, true), Conmon.inspect(p.files()));
  }

  @Test
  void aStdinOnceContainerLosesStdinWhenAnyAttachConnectionEnds() throws Exception {
    // conmon closes stdin when any attach connection ends, even one that never wrote: the engine keeps
    // one connection per container and half-closes it when the stdin client is done.
    String id = sandbox.newId("once");
    Launch spec = sandbox.prepare(id, List.of("sh", "-c", "cat"), false, true, true, 0);
    sandbox.launchAndStart(spec);
    AttachSocket.open(spec.files().attachSocket()).close();
    assertEquals(0, sandbox.awaitExit(id, WAIT));
  }

  @Test
  void withoutStdinOnceStdinOutlivesAttachConnections() throws Exception {
    String id = sandbox.newId("keep");
    Launch spec = sandbox.prepare(id, List.of("sh", "-c", "read a; read b; echo \"$a$b\""), false, true, false, 0);
    sandbox.launchAndStart(spec);
    try (AttachSocket first = AttachSocket.open(spec.files().attachSocket())) {
      first.write("one\n".getBytes(StandardCharsets.UTF_8));
      first.closeStdin();
    }
    Thread.sleep(200);
    assertFalse(ExitFiles.read(sandbox.exitDir, id).isPresent(), "stdin stayed open");
    try (AttachSocket second = AttachSocket.open(spec.files().attachSocket())) {
      second.write("two\n".getBytes(StandardCharsets.UTF_8));
      AttachSocket.Packet packet = second.read();
      assertNotNull(packet);
      assertEquals("onetwo\n", new String(packet.data(), StandardCharsets.UTF_8));
    }
    assertEquals(0, sandbox.awaitExit(id, WAIT));
  }

  /**
   * conmon outlives the JVM that launched it: a child JVM launches and starts a container and is
   * killed with SIGKILL; the container keeps running under its conmon, a new client can attach, and the
   * exit file still appears when the container is killed.
   */
  @Test
  void conmonSurvivesTheDeathOfTheLaunchingJvm() throws Exception {
    String id = sandbox.newId("orphan");
    Launch spec = sandbox.prepare(id, List.of("sh", "-c", "while true; do echo tick; sleep 0.1; done"),
        false, false, false, 0);
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), LaunchInChildJvm.class.getName(),
        spec.id(), spec.bundle().toString(), spec.runtime().root().toString(), spec.logPath().toString(),
        spec.exitDir().toString(), spec.persistDir().toString())
        .redirectErrorStream(true).start();
    String line = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
    assertNotNull(line, "the child JVM reports the container");
    assertTrue(line.startsWith("started "), line);
    String[] parts = line.split(" ");
    int pid = Integer.parseInt(parts[1]);
    int conmonPid = Integer.parseInt(parts[2]);

    child.destroyForcibly(); // SIGKILL
    child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertFalse(child.isAlive());

    Thread.sleep(300);
    assertTrue(Conmon.isConmonFor(conmonPid, id), "conmon outlived the JVM");
    assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the container outlived the JVM");
    assertEquals("running", sandbox.runtime.state(id).status());
    assertEquals(new MonitorState.Monitored(conmonPid, pid), Conmon.inspect(spec.files()));
    try (AttachSocket attach = AttachSocket.open(spec.files().attachSocket())) {
      AttachSocket.Packet packet = attach.read();
      assertNotNull(packet);
      assertEquals("tick\n", new String(packet.data(), StandardCharsets.UTF_8));
    }

    sandbox.runtime.kill(id, Signals.SIGKILL);
    assertEquals(137, sandbox.awaitExit(id, WAIT));
    Sandbox.awaitGone(conmonPid, WAIT);
    List<LogEntry> entries = new ArrayList<>();
    new LogReader(spec.logPath()).read(LogReader.Options.ALL, entries::add, () -> true);
    assertTrue(entries.size() > 3 && entries.stream().allMatch(e -> e.text().equals("tick\n")), entries.toString());
  }
}
