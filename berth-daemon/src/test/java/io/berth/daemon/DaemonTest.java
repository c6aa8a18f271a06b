package io.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.Json;
import io.berth.daemon.http.Response;
import io.berth.daemon.http.Router;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonTest {
  @TempDir
  Path dir;

  private DaemonOptions options(String... extra) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of(
        "-H", "unix://" + dir.resolve("berth.sock"),
        "--data-root", dir.resolve("data").toString(),
        "--exec-root", dir.resolve("exec").toString(),
        "--pidfile", dir.resolve("berth.pid").toString()));
    args.addAll(List.of(extra));
    return DaemonOptions.resolve(DaemonFlags.parse(args.toArray(String[]::new)), DaemonConfigFile.empty(dir.resolve("none")));
  }

  /** One HTTP/1.0 exchange over the unix socket: the whole answer as text. */
  private static String exchange(Path socket, String request) throws Exception {
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
      InputStream in = Channels.newInputStream(channel);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void servesPingAndVersionThenCleansUp() throws Exception {
    AtomicBoolean closed = new AtomicBoolean();
    Application app = new Application() {
      @Override
      public void install(Router router) {
        router.get("/info", r -> Response.json(Map.of("ok", true)));
      }

      @Override
      public List<Map<String, Object>> versionComponents() {
        return List.of(Json.map("Name", "runc", "Version", "1.1.5"));
      }

      @Override
      public void close() {
        closed.set(true);
      }
    };
    Daemon daemon = Daemon.start(options(), o -> app);
    Path socket = dir.resolve("berth.sock");
    Path pidfile = dir.resolve("berth.pid");
    try {
      assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(pidfile));
      String ping = exchange(socket, "GET /_ping HTTP/1.0\r\n\r\n");
      assertTrue(ping.startsWith("HTTP/1.1 200 OK\r\n"), ping);
      assertTrue(ping.contains("\r\nApi-Version: 1.50\r\n"), ping);
      assertTrue(ping.contains("\r\nBuilder-Version: 1\r\n"), ping);
      assertTrue(ping.contains("\r\nSwarm: inactive\r\n"), ping);
      assertTrue(ping.contains("\r\nCache-Control: no-cache, no-store, must-revalidate\r\n"), ping);
      assertTrue(ping.contains("\r\nPragma: no-cache\r\n"), ping);
      assertTrue(ping.endsWith("\r\n\r\nOK"), ping);

      String head = exchange(socket, "HEAD /v1.50/_ping HTTP/1.0\r\n\r\n");
      assertTrue(head.contains("\r\nContent-Length: 0\r\n") && head.endsWith("\r\n\r\n"), head);

      String version = exchange(socket, "GET /v1.50/version HTTP/1.0\r\n\r\n");
      Map<String, Object> json = Json.object(version.substring(version.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.UTF_8));
      assertEquals(BerthVersion.VERSION, json.get("Version"));
      assertEquals("1.50", json.get("ApiVersion"));
      assertEquals("1.24", json.get("MinAPIVersion"));
      assertEquals("linux", json.get("Os"));
      assertEquals(DaemonRoutes.arch(), json.get("Arch"));
      assertEquals(Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip(), json.get("KernelVersion"));
      assertTrue(((String) json.get("GoVersion")).startsWith("java"));
      List<?> components = (List<?>) json.get("Components");
      assertEquals("Engine", ((Map<?, ?>) components.get(0)).get("Name"));
      assertEquals("runc", ((Map<?, ?>) components.get(1)).get("Name"));

      assertTrue(exchange(socket, "GET /info HTTP/1.0\r\n\r\n").endsWith("{\"ok\":true}\n"));
    } finally {
      daemon.shutdown();
    }
    assertTrue(daemon.listeners().isEmpty() || !Files.exists(socket));
    assertFalse(Files.exists(socket), "socket removed");
    assertFalse(Files.exists(pidfile), "pidfile removed");
    assertTrue(closed.get(), "application closed");
    // the data-root is free again
    Daemon.start(options(), o -> Application.NONE).shutdown();
  }

  @Test
  void secondDaemonOnTheSameDataRootIsRefused() throws Exception {
    Daemon first = Daemon.start(options(), o -> Application.NONE);
    try {
      DaemonOptions other = options("-H", "unix://" + dir.resolve("other.sock"));
      var e = assertThrows(StartupException.class, () -> Daemon.start(
          new DaemonOptions(List.of("unix://" + dir.resolve("other.sock")), other.dataRoot(), other.execRoot(),
              dir.resolve("other.pid"), other.configFile(), false, Log.Level.INFO, "", "", "", "", Map.of(), "",
              Map.of(), List.of(), List.of(), List.of(), false, Map.of(), Map.of(), 3, 5, 5, other.registryCertsDir()),
          o -> Application.NONE));
      assertEquals("failed to start daemon: data-root " + dir.resolve("data") + " is in use by another berth daemon (PID "
          + ProcessHandle.current().pid() + ")", e.getMessage());
      assertFalse(Files.exists(dir.resolve("other.sock")));
    } finally {
      first.shutdown();
    }
  }

  @Test
  void secondDaemonProcessExitsNonZero() throws Exception {
    Daemon first = Daemon.start(options(), o -> Application.NONE);
    try {
      Process child = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName(),
          "-H", "unix://" + dir.resolve("child.sock"),
          "--data-root", dir.resolve("data").toString(),
          "--exec-root", dir.resolve("exec").toString(),
          "--pidfile", dir.resolve("child.pid").toString(),
          "--config-file", writeEmptyConfig().toString())
          .redirectErrorStream(true).start();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(1, child.exitValue(), output);
      assertTrue(output.contains("failed to start daemon: data-root " + dir.resolve("data")
          + " is in use by another berth daemon (PID " + ProcessHandle.current().pid() + ")"), output);
    } finally {
      first.shutdown();
    }
  }

  private Path writeEmptyConfig() throws Exception {
    Path file = dir.resolve("empty.json");
    Files.writeString(file, "{}");
    return file;
  }

  @Test
  void livePidFileIsRefusedAndStaleOneReplaced() throws Exception {
    Path pidfile = dir.resolve("berth.pid");
    Process sleeper = new ProcessBuilder("sleep", "30").start();
    try {
      Files.writeString(pidfile, Long.toString(sleeper.pid()));
      var e = assertThrows(StartupException.class, () -> Daemon.start(options(), o -> Application.NONE));
      assertEquals("failed to start daemon, ensure berth is not running or delete " + pidfile
          + ": process with PID " + sleeper.pid() + " is still running", e.getMessage());
      assertFalse(Files.exists(dir.resolve("berth.sock")));
    } finally {
      sleeper.destroy();
      sleeper.waitFor();
    }
    // now the PID names no process: the file is stale and gets replaced
    Daemon daemon = Daemon.start(options(), o -> Application.NONE);
    try {
      assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(pidfile));
      assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(pidfile)));
    } finally {
      daemon.shutdown();
    }
  }

  @Test
  void failingApplicationUndoesTheStart() throws Exception {
    var e = assertThrows(StartupException.class,
        () -> Daemon.start(options(), o -> { throw new IllegalStateException("no storage driver"); }));
    assertEquals("failed to start daemon: no storage driver", e.getMessage());
    assertFalse(Files.exists(dir.resolve("berth.pid")));
    Daemon.start(options(), o -> Application.NONE).shutdown(); // the lock was released
  }

  @Test
  void listenFailureIsReported() throws Exception {
    var e = assertThrows(StartupException.class, () -> Daemon.start(options("-H", "fd://"), o -> Application.NONE));
    assertTrue(e.getMessage().startsWith("failed to load listeners: "), e.getMessage());
    assertFalse(Files.exists(dir.resolve("berth.sock")), "the listener opened before the failure is closed");
  }

  @Test
  void logLinesLookLikeDockerd() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream previous = System.err;
    Log.setOutput(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      Log.info("API listen on /x.sock", "n", 3, "path", "a b");
      Log.debug("hidden at info level");
    } finally {
      Log.setOutput(previous);
    }
    String line = buffer.toString(StandardCharsets.UTF_8);
    assertTrue(line.matches("time=\"\\d{4}-\\d\\d-\\d\\dT[^\"]+\" level=info msg=\"API listen on /x.sock\" n=3 path=\"a b\"\n"), line);
  }
}
