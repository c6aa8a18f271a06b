package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What real clients tripped over (issue 9), through the Docker CLI and docker-py, each as dockerd behaves. */
@ExtendWith(BerthdExtension.class)
class ClientFixesTest {
  private static Berthd daemon; // set by BerthdExtension

  /** A field berth does not act on yet is refused with the option's name, never accepted and dropped. */
  @Test
  void fieldsBerthCannotHonourAreRefusedByName() {
    for (List<String> args : List.of(List.of("--device-read-bps", "/dev/null:1mb"), List.of("--device", "/dev/null:/dev/x"),
        List.of("--pid", "container:x"), List.of("--storage-opt", "size=1G"))) {
      List<String> cmd = new java.util.ArrayList<>(List.of("run", "--rm"));
      cmd.addAll(args);
      cmd.addAll(List.of("busybox", "true"));
      Result r = daemon.docker(cmd.toArray(String[]::new));
      assertEquals(125, r.exit(), r.toString());
      assertTrue(r.err().contains("berth does not support " + args.getFirst()), r.toString());
    }
    assertEquals("", daemon.docker("ps", "-aq", "--filter", "status=created").ok().line(), "nothing was created");
  }

  @Test
  void killReturnsOnceTheContainerHasStopped() {
    for (int i = 0; i < 3; i++) {
      String id = daemon.docker("run", "-d", "busybox", "sleep", "300").ok().line();
      daemon.docker("kill", id).ok();
      assertEquals("false 137", daemon.docker("inspect", "-f", "{{.State.Running}} {{.State.ExitCode}}", id).ok()
          .line());
      daemon.docker("rm", id).ok();
    }
  }

  @Test
  void commitRightAfterTheProcessExits() {
    for (int i = 0; i < 5; i++) {
      String id = daemon.docker("run", "-d", "busybox", "sh", "-c", "echo " + i + " > /made").ok().line();
      String image = daemon.docker("commit", id).ok().line();
      assertEquals(String.valueOf(i), daemon.docker("run", "--rm", image, "cat", "/made").ok().line());
      daemon.docker("rm", "-f", id).ok();
      daemon.docker("rmi", image).ok();
    }
  }

  /** docker-py: the start request's Tty decides the framing; a detached start returns at once. */
  @Test
  void execStartAsDockerd() {
    String box = daemon.docker("run", "-d", "busybox", "sleep", "300").ok().line();
    String script = """
        import docker, sys, time
        api = docker.APIClient(base_url=sys.argv[1])
        e = api.exec_create(sys.argv[2], ["sh", "-c", "echo out; echo err >&2"], tty=False)
        print(repr(api.exec_start(e["Id"], tty=True)))
        e = api.exec_create(sys.argv[2], ["sh", "-c", "echo out"], tty=False)
        print(repr(api.exec_start(e["Id"], tty=False)))
        e = api.exec_create(sys.argv[2], ["sh", "-c", "sleep 2; touch /detached"])
        t = time.time()
        api.exec_start(e["Id"], detach=True)
        print("fast" if time.time() - t < 1.5 else "slow", api.exec_inspect(e["Id"])["Running"])
        time.sleep(3)
        print(api.exec_inspect(e["Id"])["Running"], api.exec_inspect(e["Id"])["ExitCode"])
        """;
    Result py = Berthd.exec(List.of("/usr/bin/python3", "-c", script, daemon.host(), box), Map.of(), null).ok();
    // raw although the session has no TTY (framed, docker-py would show the 8-byte headers); framed output is
    // read apart by docker-py when it asks without a TTY
    assertEquals(List.of("b'out\\nerr\\n'", "b'out\\n'", "fast True", "False 0"), py.out().lines().toList());
    daemon.docker("exec", box, "test", "-e", "/detached").ok();
    daemon.docker("rm", "-f", box).ok();
  }

  /** attach with logs=1 and no stream gives the logs so far and ends; the websocket attach streams. */
  @Test
  void attachLogsAndWebSocket() throws Exception {
    String id = daemon.docker("run", "-d", "busybox", "sh", "-c", "echo first; echo second >&2; sleep 300").ok()
        .line();
    // run -d returns once the process started, not once it has written: attach's logs=True replays what is logged
    Fixtures.await(() -> {
      Result logs = daemon.docker("logs", id).ok();
      return logs.out() + logs.err();
    }, "first\nsecond\n");
    String script = """
        import docker, sys
        api = docker.APIClient(base_url=sys.argv[1])
        print(repr(api.attach(sys.argv[2], stdout=True, stderr=True, logs=True, stream=False)))
        """;
    Result py = Berthd.exec(List.of("/usr/bin/python3", "-c", script, daemon.host(), id), Map.of(), null).ok();
    assertEquals("b'first\\nsecond\\n'", py.line());

    try (Berthd tcp = Berthd.startWithBridge("-H", "tcp://127.0.0.1:" + Berthd.freePort())) {
      tcp.dockerIn(Files.readAllBytes(Fixtures.busyboxTar()), "import", "-", "busybox").ok();
      String cat = tcp.docker("run", "-d", "-i", "busybox", "cat").ok().line();
      String port = tcp.daemonCommand().stream().filter(a -> a.startsWith("tcp://")).findFirst().orElseThrow()
          .replaceAll(".*:", "");
      StringBuilder received = new StringBuilder();
      CompletableFuture<String> echoed = new CompletableFuture<>();
      WebSocket ws = openWebSocket(tcp, port, () -> HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
          URI.create("ws://127.0.0.1:" + port
          + "/v1.50/containers/" + cat + "/attach/ws?stream=1&stdin=1&stdout=1&stderr=1"), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
              received.append(java.nio.charset.StandardCharsets.UTF_8.decode(data));
              if (received.toString().contains("hello over ws\n")) {
                echoed.complete(received.toString());
              }
              w.request(1);
              return null;
            }
          }));
      ws.sendBinary(ByteBuffer.wrap("hello over ws\n".getBytes()), true).get(10, TimeUnit.SECONDS);
      assertEquals("hello over ws\n", echoed.get(10, TimeUnit.SECONDS), "cat echoes what the websocket sent");
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
      tcp.docker("rm", "-f", cat).ok();
    }
    daemon.docker("rm", "-f", id).ok();
  }

  @Test
  void macAddressReachesTheInterfaceAndInspect() {
    String mac = "02:42:ac:11:00:99";
    String id = daemon.docker("run", "-d", "--mac-address", mac, "busybox", "sleep", "300").ok().line();
    assertEquals(mac, daemon.docker("exec", id, "cat", "/sys/class/net/eth0/address").ok().line());
    assertEquals(mac, daemon.docker("inspect", "-f", "{{.NetworkSettings.MacAddress}}", id).ok().line());
    daemon.docker("rm", "-f", id).ok();
  }

  @Test
  void logDriversAndOptionsAsDockerd() {
    Result unknown = daemon.docker("run", "--rm", "--log-driver", "nonexistent", "busybox", "true");
    assertEquals(125, unknown.exit());
    assertTrue(unknown.err().contains("logger: no log driver named 'nonexistent' is registered"), unknown.toString());
    daemon.docker("run", "--rm", "--log-opt", "max-file=3", "busybox", "true").ok(); // accepted by dockerd too
    String none = daemon.docker("run", "-d", "--log-driver", "none", "busybox", "echo", "gone").ok().line();
    Result logs = daemon.docker("logs", none);
    assertEquals(1, logs.exit());
    assertTrue(logs.err().contains("configured logging driver does not support reading"), logs.toString());
    daemon.docker("rm", "-f", none).ok();
  }

  /** berthd refuses to start, naming the program, when conmon is missing (here: hidden in a mount namespace). */
  @Test
  void aMissingConmonStopsTheStart() throws Exception {
    Path dir = Files.createTempDirectory("berth-noconmon-");
    try {
      String berthd = String.join(" ", List.of(Berthd.REPO.resolve("bin/berthd").toString(), "-H",
          "unix://" + dir.resolve("s.sock"), "--data-root", dir.resolve("data").toString(), "--exec-root",
          dir.resolve("exec").toString(), "--pidfile", dir.resolve("pid").toString(), "--bridge", "none",
          "--config-file", "/dev/null"));
      Result r = Berthd.exec(List.of("unshare", "-m", "sh", "-c", "mount --bind /dev/null /usr/bin/conmon && exec "
          + berthd), Map.of(), null);
      assertEquals(1, r.exit(), r.toString());
      assertTrue((r.out() + r.err()).contains("conmon, the container monitor berth runs containers under, is not "
          + "installed"), r.toString());
    } finally {
      Berthd.deleteTree(dir);
    }
  }

  /**
   * Opens the websocket; a failure says what the daemon and the port looked like then (a refused connection
   * was seen twice in CI and never alone, see the session notes of 2026-12-03).
   */
  private static WebSocket openWebSocket(Berthd d, String port,
      java.util.function.Supplier<CompletableFuture<WebSocket>> open) throws Exception {
    try {
      return open.get().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      String listeners = Berthd.exec(List.of("ss", "-ltnp", "sport", "= :" + port), Map.of(), null).out();
      String rules = Berthd.exec(List.of("iptables-save", "-t", "nat"), Map.of(), null).out().lines()
          .filter(l -> l.contains(port)).toList().toString();
      String log = d.logText();
      throw new AssertionError("websocket to 127.0.0.1:" + port + " failed: " + e.getCause() + "\nlisteners: "
          + listeners + "\nNAT rules naming the port: " + rules + "\ndaemon log tail: "
          + log.substring(Math.max(0, log.length() - 2000)), e);
    }
  }
}
