package io.berth.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The reference engine (Debian's docker.io dockerd) on temporary paths with no networking,
 * for cross-engine checks. Closing it stops dockerd and its containerd and removes its files.
 */
final class ReferenceDockerd implements AutoCloseable, DockerEngine {
  final Path dir;
  final Path socket;
  private final Process process;

  private ReferenceDockerd(Path dir) throws IOException {
    this.dir = dir;
    this.socket = dir.resolve("docker.sock");
    process = new ProcessBuilder("dockerd", "--data-root", dir.resolve("data").toString(),
        "--exec-root", dir.resolve("exec").toString(), "-H", "unix://" + socket,
        "--pidfile", dir.resolve("docker.pid").toString(), "--bridge", "none", "--iptables=false",
        "--ip-masq=false", "--config-file", writeConfig(dir).toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("dockerd.log").toFile()).start();
  }

  private static Path writeConfig(Path dir) throws IOException {
    Path config = dir.resolve("daemon.json");
    Files.writeString(config, "{}");
    return config;
  }

  static ReferenceDockerd start() throws IOException {
    ReferenceDockerd d = new ReferenceDockerd(Files.createTempDirectory("berth-e2e-dockerd-"));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (!d.process.isAlive()) {
        d.close();
        throw new IllegalStateException("reference dockerd exited: " + d.log());
      }
      if (Files.exists(d.socket) && d.docker("version").exit() == 0) {
        return d;
      }
      if (!Fixtures.sleep(200)) {
        break;
      }
    }
    d.close();
    throw new IllegalStateException("reference dockerd did not start");
  }

  String log() {
    try {
      return Files.readString(dir.resolve("dockerd.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public Result docker(String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    return Berthd.exec(cmd, Map.of("DOCKER_HOST", "unix://" + socket,
        "DOCKER_CONFIG", dir.resolve("docker-config").toString()), null);
  }

  @Override
  public void close() {
    ProcessHandle.of(process.pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroy));
    Fixtures.terminate(process, 30);
    ProcessHandle.of(process.pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
    Berthd.unmountUnder(dir);
    Berthd.deleteTree(dir);
  }
}
