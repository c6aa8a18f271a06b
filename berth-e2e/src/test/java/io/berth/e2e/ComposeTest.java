package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docker-compose 1.29 (docker-py 5.0.3) against berthd: a project of two busybox services on the project
 * network, a named volume, a published port, depends_on with service_healthy, shm_size, environment and
 * restart: always, brought up, inspected, restarted and torn down.
 */
@ExtendWith(BerthdExtension.class)
class ComposeTest {
  private static Berthd daemon; // set by BerthdExtension
  private Path projectDir;
  private String project;

  /**
   * db serves the named volume's page and is healthy once it answers; web waits for that, serves the same
   * volume on the published port and reaches db by name through the embedded DNS.
   */
  private static final String COMPOSE_FILE = """
      version: "2.4"
      services:
        db:
          image: busybox
          command: ["sh", "-c", "echo db-serving; echo hello-from-db > /data/index.html; exec httpd -f -p 80 -h /data"]
          healthcheck:
            test: ["CMD-SHELL", "wget -q -O- http://localhost/ || exit 1"]
            interval: 1s
            timeout: 3s
            retries: 30
          volumes:
            - data:/data
          shm_size: 96m
          restart: always
          stop_grace_period: 1s
        web:
          image: busybox
          command: ["sh", "-c", "echo web-started $$GREETING; exec httpd -f -p 8000 -h /data"]
          environment:
            GREETING: hi-there
          ports:
            - "127.0.0.1:PORT:8000"
          depends_on:
            db:
              condition: service_healthy
          volumes:
            - data:/data
          restart: always
          stop_grace_period: 1s
      volumes:
        data: {}
      """;

  @BeforeAll
  static void start() {
    Result version = Berthd.exec(List.of("sh", "-c", "command -v docker-compose && docker-compose version --short"),
        Map.of(), null);
    assertEquals(0, version.exit(), "docker-compose is not installed (scripts/deps.sh installs it): " + version);
  }

  @BeforeEach
  void makeProject() throws IOException {
    projectDir = Files.createTempDirectory("berth-compose-");
    project = "berthe2e" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
  }

  /** Whatever a failing step left: the project's containers, network and volume, and the directory. */
  @AfterEach
  void tearDown() {
    try {
      compose("down", "-v", "--timeout", "1");
      String label = "label=com.docker.compose.project=" + project;
      for (String id : daemon.docker("ps", "-aq", "--filter", label).out().lines().toList()) {
        daemon.docker("rm", "-fv", id);
      }
      daemon.docker("network", "rm", project + "_default");
      daemon.docker("volume", "rm", "-f", project + "_data");
    } finally {
      Berthd.deleteTree(projectDir);
    }
  }

  @Test
  void aProjectComesUpIsInspectedRestartsAndGoesAway() throws Exception {
    int port = Berthd.freePort();
    Files.writeString(projectDir.resolve("docker-compose.yml"), COMPOSE_FILE.replace("PORT", Integer.toString(port)));

    compose("up", "-d").ok();
    String ps = compose("ps").ok().out();
    assertTrue(line(ps, project + "_db_1").contains("Up (healthy)"), ps);
    assertTrue(line(ps, project + "_web_1").contains("Up ") && ps.contains("127.0.0.1:" + port + "->8000/tcp"), ps);
    assertEquals("100663296 always", daemon.docker("inspect", "-f",
        "{{.HostConfig.ShmSize}} {{.HostConfig.RestartPolicy.Name}}", project + "_db_1").ok().line());
    assertTrue(daemon.docker("inspect", "-f", "{{.Config.Env}}", project + "_web_1").ok().line()
        .contains("GREETING=hi-there"));

    assertEquals("hello-from-db", Fixtures.get("http://127.0.0.1:" + port + "/", 30),
        "the published port, from the host");
    assertEquals("hello-from-db", compose("exec", "-T", "web", "wget", "-q", "-O-", "http://db/").ok().line(),
        "db by its service name through the embedded DNS");
    String logs = compose("logs", "--no-color").ok().out();
    assertTrue(logs.contains("web_1  | web-started hi-there") && logs.contains("db_1   | db-serving"), logs);

    Map<String, String> startedBefore = startedAt();
    compose("restart", "--timeout", "1").ok();
    Map<String, String> startedAfter = startedAt();
    for (String service : List.of("db", "web")) {
      assertNotEquals(startedBefore.get(service), startedAfter.get(service), service + " restarted");
    }
    assertEquals("0 running\n0 running", daemon.docker("inspect", "-f", "{{.RestartCount}} {{.State.Status}}",
        project + "_db_1", project + "_web_1").ok().line(), "a restart by the user is not the policy's");
    awaitHealthy(project + "_db_1");
    assertEquals("hello-from-db", Fixtures.get("http://127.0.0.1:" + port + "/", 30));
    assertEquals(2, compose("logs", "--no-color", "web").ok().out().split("web-started hi-there", -1).length - 1,
        "both runs' output");

    // recreate reads the image's ContainerConfig, which dockerd leaves out from API 1.45 on (compose 1.29 then
    // fails as against Docker 25+, docker/compose#11742): at the API of the reference dockerd 20.10 it works
    String dbId = daemon.docker("inspect", "-f", "{{.Id}}", project + "_db_1").ok().line();
    composeAt("1.41", "up", "-d", "--force-recreate", "--timeout", "1").ok();
    assertNotEquals(dbId, daemon.docker("inspect", "-f", "{{.Id}}", project + "_db_1").ok().line());
    awaitHealthy(project + "_db_1");
    assertEquals("hello-from-db", compose("exec", "-T", "web", "wget", "-q", "-O-", "http://db/").ok().line());

    compose("down", "-v", "--timeout", "1").ok();
    String label = "label=com.docker.compose.project=" + project;
    assertEquals("", daemon.docker("ps", "-aq", "--filter", label).ok().line());
    assertEquals("", daemon.docker("network", "ls", "-q", "--filter", label).ok().line());
    assertEquals("", daemon.docker("volume", "ls", "-q", "--filter", label).ok().line());
    assertTrue(daemon.docker("network", "ls", "--format", "{{.Name}}").ok().out().lines()
        .noneMatch(n -> n.startsWith(project)));
    assertTrue(daemon.docker("volume", "ls", "--format", "{{.Name}}").ok().out().lines()
        .noneMatch(n -> n.startsWith(project)));
  }

  private Result compose(String... args) {
    return composeAt(null, args);
  }

  /** docker-compose at an API version ({@code null}: the daemon's, as docker-py negotiates it). */
  private Result composeAt(String apiVersion, String... args) {
    List<String> cmd = new ArrayList<>(List.of("docker-compose", "--ansi", "never", "-p", project, "-f",
        projectDir.resolve("docker-compose.yml").toString()));
    cmd.addAll(List.of(args));
    Map<String, String> env = new java.util.HashMap<>(Map.of("DOCKER_HOST", daemon.host(), "DOCKER_CONFIG",
        daemon.dir.resolve("docker-config").toString()));
    if (apiVersion != null) {
      env.put("COMPOSE_API_VERSION", apiVersion);
    }
    return Berthd.exec(cmd, env, null);
  }

  private static String line(String table, String name) {
    return table.lines().filter(l -> l.startsWith(name + " ")).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in\n" + table));
  }

  private Map<String, String> startedAt() {
    return Map.of("db", daemon.docker("inspect", "-f", "{{.State.StartedAt}}", project + "_db_1").ok().line(),
        "web", daemon.docker("inspect", "-f", "{{.State.StartedAt}}", project + "_web_1").ok().line());
  }

  private static void awaitHealthy(String container) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    String status = "";
    while (Instant.now().isBefore(deadline)) {
      status = daemon.docker("inspect", "-f", "{{.State.Health.Status}}", container).ok().line();
      if (status.equals("healthy")) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(container + " is " + status);
  }
}
