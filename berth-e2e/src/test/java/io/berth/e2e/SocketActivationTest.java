package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code berthd -H fd://} serves on a socket passed as systemd does (fd 3, LISTEN_FDS, LISTEN_PID). */
class SocketActivationTest {
  private static final String ACTIVATOR = """
      import os, socket, sys
      s = socket.socket(socket.AF_UNIX)
      s.bind(sys.argv[1])
      s.listen(16)
      os.dup2(s.fileno(), 3)
      os.set_inheritable(3, True)
      env = dict(os.environ, LISTEN_FDS="1", LISTEN_PID=str(os.getpid()))
      os.execve(sys.argv[2], sys.argv[2:], env)
      """;

  @Test
  void servesOnTheActivatedSocket() throws Exception {
    Path dir = Files.createTempDirectory("berth-e2e-fd-");
    Path socket = dir.resolve("activated.sock");
    Files.writeString(dir.resolve("daemon.json"), "{}");
    Process daemon = new ProcessBuilder("python3", "-c", ACTIVATOR, socket.toString(),
        Berthd.REPO.resolve("bin/berthd").toString(), "-H", "fd://", "--bridge", "none",
        "--data-root", dir.resolve("data").toString(),
        "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("pid").toString(),
        "--config-file", dir.resolve("daemon.json").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
    try {
      Result version = null;
      for (int i = 0; i < 100; i++) {
        version = Berthd.exec(List.of("docker", "version", "--format", "{{.Server.Version}}"),
            Map.of("DOCKER_HOST", "unix://" + socket), null);
        if (version.exit() == 0) {
          break;
        }
        Thread.sleep(200);
      }
      assertEquals(0, version.exit(), version + "\n" + Files.readString(dir.resolve("log")));
    } finally {
      daemon.destroy();
      daemon.waitFor();
      Berthd.removeChains(Berthd.firewallTag(dir.resolve("data")));
      Berthd.deleteTree(dir);
    }
  }
}
