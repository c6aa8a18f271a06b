package io.berth.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real berthd on temporary directories and a temporary socket, driven by {@code bin/berth}
 * and the Docker CLI. Closing it stops the daemon and removes every trace, even after a failure.
 */
final class Berthd implements AutoCloseable, DockerEngine {
  static final Path REPO = findRepo();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60); // generous: a loaded machine

  final Path dir;
  final Path dataRoot;
  final Path execRoot;
  final Path socket;
  final Path pidfile;
  final Path log;
  private final List<String> extraFlags;
  private Process process;

  private Berthd(Path dir, List<String> extraFlags) {
    this.dir = dir;
    this.dataRoot = dir.resolve("data");
    this.execRoot = dir.resolve("exec");
    this.socket = dir.resolve("berth.sock");
    this.pidfile = dir.resolve("berthd.pid");
    this.log = dir.resolve("berthd.log");
    this.extraFlags = extraFlags;
    this.berth0WasThere = Files.exists(Path.of("/sys/class/net/berth0"));
  }

  /** Whether the default bridge existed before this daemon: then it is another berthd's, never removed here. */
  private final boolean berth0WasThere;

  /**
   * A port nobody on this machine listens on, below the ephemeral range, so that no connection of another process
   * takes it as its local port before a daemon or a published port binds it.
   */
  static int freePort() {
    for (int i = 0; i < 100; i++) {
      int p = java.util.concurrent.ThreadLocalRandom.current().nextInt(20000, 30000);
      try (java.net.ServerSocket s = new java.net.ServerSocket()) {
        s.bind(new java.net.InetSocketAddress(p));
        return p;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free port");
  }

  static Berthd start(String... extraFlags) throws IOException {
    return startIn(Files.createTempDirectory("berth-e2e-"), extraFlags);
  }

  /**
   * A daemon with its own bridge and subnet (never berth0 or a subnet another daemon uses), for
   * tests that run containers; its bridge and firewall rules are removed at close.
   */
  static Berthd startWithBridge(String... extraFlags) throws IOException {
    return startWithBridgeAndConfig("{}", extraFlags);
  }

  /** {@link #startWithBridge} with {@code daemonJson} as its daemon.json. */
  static Berthd startWithBridgeAndConfig(String daemonJson, String... extraFlags) throws IOException {
    Path dir = Files.createTempDirectory("berth-e2e-");
    Files.writeString(dir.resolve("daemon.json"), daemonJson);
    int n = java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 250);
    String bridge = "be2e" + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    List<String> flags = new ArrayList<>(List.of("--bridge", bridge, "--bip", "10.217." + n + ".1/24"));
    flags.addAll(List.of(extraFlags));
    Berthd d = startIn(dir, flags.toArray(String[]::new));
    d.bridge = bridge;
    return d;
  }

  private String bridge;

  private static Berthd startIn(Path dir, String... extraFlags) throws IOException {
    Berthd d = new Berthd(dir, List.of(extraFlags));
    try {
      d.startProcess();
    } catch (IOException | RuntimeException | Error e) {
      d.close();
      throw e;
    }
    return d;
  }

  String host() {
    return "unix://" + socket;
  }

  List<String> daemonCommand() {
    List<String> cmd = new ArrayList<>(List.of(REPO.resolve("bin/berthd").toString(), "-H", host(),
        "--data-root", dataRoot.toString(), "--exec-root", execRoot.toString(), "--pidfile", pidfile.toString(),
        "--config-file", dir.resolve("daemon.json").toString()));
    cmd.addAll(extraFlags);
    return cmd;
  }

  private void startProcess() throws IOException {
    if (!Files.exists(dir.resolve("daemon.json"))) {
      Files.writeString(dir.resolve("daemon.json"), "{}");
    }
    long logStart = Files.exists(log) ? Files.size(log) : 0; // a restart appends to the same log
    process = new ProcessBuilder(daemonCommand()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("berthd exited with " + process.exitValue() + ":\n" + logText());
      }
      // the unix socket answers before the daemon's other listeners (a TCP one waits a second after its
      // warnings, as dockerd's): ready is when it says so, after the last listener
      if (Files.exists(socket) && logText().substring((int) logStart).contains("Daemon has completed initialization")
          && berth("version", "--format", "{{.Server.Version}}").exit() == 0) {
        return;
      }
      Fixtures.sleep(100);
    }
    throw new IllegalStateException("berthd did not answer within " + START_TIMEOUT + ":\n" + logText());
  }

  String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  long pid() {
    return process.pid();
  }

  /** Removes every container and the unused user networks: what a test leaves for the next one. */
  void removeContainersAndNetworks() {
    String ids = docker("ps", "-aq").out().strip();
    if (!ids.isEmpty()) {
      List<String> rm = new ArrayList<>(List.of("rm", "-f"));
      rm.addAll(List.of(ids.split("\\s+")));
      docker(rm.toArray(String[]::new));
    }
    docker("network", "prune", "-f");
  }

  /** SIGKILL, as a crash: nothing gets to clean up. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Starts the daemon again on the same directories. */
  void restart() throws IOException {
    startProcess();
  }

  /** SIGTERM and wait: a clean shutdown. Returns the exit code. */
  int stop() throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return process == null ? 0 : process.exitValue();
    }
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    return process.exitValue();
  }

  Result berth(String... args) {
    return berthIn(null, args);
  }

  /** bin/berth with the same Docker CLI config directory as {@link #docker} (never the user's ~/.docker). */
  Result berthIn(byte[] stdin, String... args) {
    List<String> cmd = new ArrayList<>(List.of(REPO.resolve("bin/berth").toString(), "-H", host()));
    cmd.addAll(List.of(args));
    return exec(cmd, Map.of("DOCKER_CONFIG", dir.resolve("docker-config").toString()), stdin);
  }

  @Override
  public Result docker(String... args) {
    return dockerIn(null, args);
  }

  Result dockerIn(byte[] stdin, String... args) {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    return exec(cmd, Map.of("DOCKER_HOST", host(), "DOCKER_CONFIG", dir.resolve("docker-config").toString()), stdin);
  }

  /** Imports the busybox rootfs as {@code busybox} (CMD sh), the image the tests run containers from. */
  void importBusybox() throws IOException {
    dockerIn(Files.readAllBytes(Fixtures.busyboxTar()), "import", "-c", "CMD [\"sh\"]", "-", "busybox").ok();
  }

  static Result exec(List<String> cmd, Map<String, String> env, byte[] stdin) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd);
      Map<String, String> environment = pb.environment();
      environment.remove("DOCKER_HOST");
      environment.remove("BERTH_HOST");
      environment.putAll(env);
      Process p = pb.start();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin);
        }
      } catch (IOException ignored) {
        // the command did not read its input
      }
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + cmd);
      }
      return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
          new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + cmd + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toByteArray();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    removeContainersLeftBehind();
    unmountUnder(dir);
    if (bridge != null) {
      removeBridge(bridge);
    }
    removeNetworks();
    deleteTree(dir);
  }

  /**
   * The bridges this daemon made (berth0 only when it was not there before: it may serve the host's own
   * berthd), and its firewall chains (BERTH-*-TAG, the tag being 8 hex
   * digits of the SHA-256 of its network state directory) with the jumps to them.
   */
  private void removeNetworks() {
    Path networks = dataRoot.resolve("network").resolve("networks");
    if (Files.isDirectory(networks)) {
      try (Stream<Path> files = Files.list(networks)) {
        for (Path f : files.toList()) {
          var m = java.util.regex.Pattern.compile("\"bridge\":\"([^\"]+)\"").matcher(Files.readString(f));
          if (!m.find()) {
            continue; // host and none
          }
          String name = m.group(1);
          boolean anotherDaemons = name.equals("berth0") && berth0WasThere;
          if (!anotherDaemons && !name.equals(bridge)) {
            exec(List.of("ip", "link", "del", name), Map.of(), null);
          }
        }
      } catch (IOException ignored) {
        // best effort
      }
    }
    removeChains(firewallTag());
  }

  /** The firewall chains (BERTH-*-TAG) of the daemon whose tag is {@code tag}, and the jumps to them. */
  static void removeChains(String tag) {
    for (String program : List.of("iptables", "ip6tables")) {
      for (String table : List.of("filter", "nat")) {
        for (String rule : exec(List.of(program, "-t", table, "-S"), Map.of(), null).out().lines().toList()) {
          if (rule.startsWith("-A ") && rule.contains("\"berth " + tag + "\"")) {
            List<String> delete = new ArrayList<>(List.of(program, "-t", table, "-D"));
            delete.addAll(shellWords(rule.substring(3)));
            exec(delete, Map.of(), null);
          }
        }
        for (String chain : List.of("BERTH-FWD-", "BERTH-ISO-", "BERTH-DNAT-", "BERTH-POST-")) {
          exec(List.of(program, "-t", table, "-F", chain + tag), Map.of(), null);
          exec(List.of(program, "-t", table, "-X", chain + tag), Map.of(), null);
        }
      }
    }
  }

  /** The suffix of this daemon's chains. */
  String firewallTag() {
    return firewallTag(dataRoot);
  }

  /** The suffix of the chains of a daemon with that data root. */
  static String firewallTag(Path dataRoot) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(
          dataRoot.resolve("network").toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Monitors of this daemon's containers that a failing test left running. */
  private void removeContainersLeftBehind() {
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(cmd -> cmd.contains("conmon") && cmd.contains(execRoot.toString()))
            .orElse(false))
        .forEach(p -> {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        });
  }

  /** The test bridge and the firewall rules berthd tagged with it. */
  static void removeBridge(String bridge) {
    exec(List.of("ip", "link", "del", bridge), Map.of(), null);
    for (String table : List.of("filter", "nat")) {
      Result rules = exec(List.of("iptables", "-t", table, "-S"), Map.of(), null);
      for (String rule : rules.out().lines().toList()) {
        if (rule.startsWith("-A ") && rule.contains("berth bridge " + bridge + "\"")) {
          List<String> delete = new ArrayList<>(List.of("iptables", "-t", table, "-D"));
          delete.addAll(shellWords(rule.substring(3)));
          exec(delete, Map.of(), null);
        }
      }
    }
  }

  /** iptables -S quotes comments with double quotes; split the rest on spaces. */
  private static List<String> shellWords(String s) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    for (char ch : s.toCharArray()) {
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == ' ' && !quoted) {
        if (!w.isEmpty()) {
          words.add(w.toString());
          w.setLength(0);
        }
      } else {
        w.append(ch);
      }
    }
    if (!w.isEmpty()) {
      words.add(w.toString());
    }
    return words;
  }

  /** Lazily unmounts whatever is still mounted below {@code root}, deepest first. */
  static void unmountUnder(Path root) {
    try {
      List<String> mounts = new ArrayList<>();
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String mountPoint = line.split(" ")[4];
        if (mountPoint.startsWith(root.toString() + "/")) {
          mounts.add(mountPoint);
        }
      }
      mounts.sort(Comparator.comparing(String::length).reversed());
      for (String m : mounts) {
        exec(List.of("umount", "-l", m), Map.of(), null);
      }
    } catch (IOException ignored) {
      // nothing mounted
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort; reported below if the root stays
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }

  private static Path findRepo() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !(Files.exists(p.resolve("bin/berthd")) || Files.exists(p.resolve("berth-e2e")))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find the berth repository from " + Path.of("").toAbsolutePath());
    }
    return p;
  }
}
