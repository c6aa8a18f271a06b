package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Health checks through the Docker CLI (ps, inspect, events) and docker-py, across a berthd crash. */
@ExtendWith(BerthdExtension.class)
class HealthCheckTest {
  private static Berthd daemon; // set by BerthdExtension

  @Test
  void statusFollowsTheProbesInPsInspectAndEvents() throws Exception {
    long since = System.currentTimeMillis() / 1000;
    String id = daemon.docker("run", "-d", "--health-cmd", "test -e /tmp/ok", "--health-interval", "200ms",
        "--health-retries", "2", "busybox", "sleep", "300").ok().line();
    assertTrue(daemon.docker("ps", "--filter", "id=" + id, "--format", "{{.Status}}").ok().line()
        .endsWith("(health: starting)"));
    Fixtures.await(() -> status(id), "unhealthy");
    assertTrue(daemon.docker("ps", "--filter", "id=" + id, "--format", "{{.Status}}").ok().line()
        .endsWith("(unhealthy)"));
    assertEquals(id.substring(0, 12), daemon.docker("ps", "-q", "--filter", "health=unhealthy").ok().line());
    daemon.docker("exec", id, "touch", "/tmp/ok").ok();
    Fixtures.await(() -> status(id), "healthy");
    assertEquals(id.substring(0, 12), daemon.docker("ps", "-q", "--filter", "health=healthy").ok().line());
    Thread.sleep(1500); // several more probes
    assertEquals("0 5 0", daemon.docker("inspect", "-f",
        "{{.State.Health.FailingStreak}} {{len .State.Health.Log}} {{(index .State.Health.Log 4).ExitCode}}", id)
        .ok().line(), "the last five probes are kept");
    String events = daemon.docker("events", "--since", Long.toString(since), "--until",
        Long.toString(System.currentTimeMillis() / 1000 + 1), "--filter", "container=" + id, "--filter",
        "event=health_status", "--format", "{{.Action}}").ok().out();
    assertEquals(List.of("health_status: unhealthy", "health_status: healthy"), events.lines().toList());
    daemon.docker("rm", "-f", id).ok();
  }

  @Test
  void aProbeThatOutrunsItsTimeoutFails() throws Exception {
    String id = daemon.docker("run", "-d", "--health-cmd", "echo slow; sleep 10", "--health-interval", "200ms",
        "--health-timeout", "300ms", "--health-retries", "1", "busybox", "sleep", "300").ok().line();
    Fixtures.await(() -> status(id), "unhealthy");
    String last = daemon.docker("inspect", "-f", "{{(index .State.Health.Log 0).ExitCode}}|"
        + "{{(index .State.Health.Log 0).Output}}", id).ok().line();
    assertEquals("-1|Health check exceeded timeout (300ms): slow", last);
    daemon.docker("rm", "-f", id).ok();
  }

  @Test
  void checksAreValidatedAndNoneDisablesTheImagesCheck() {
    String script = """
        import docker, sys
        api = docker.APIClient(base_url=sys.argv[1])
        try:
            api.create_container("busybox", "true", healthcheck={"test": ["CMD", "true"], "retries": -1})
        except docker.errors.APIError as e:
            print(e.response.status_code, e.explanation)
        """;
    Result bad = Berthd.exec(List.of("/usr/bin/python3", "-c", script, daemon.host()), Map.of(), null).ok();
    assertEquals("400 Retries in Healthcheck cannot be negative", bad.line(), "the daemon's check, as dockerd's");
    String id = daemon.docker("run", "-d", "--no-healthcheck", "busybox", "sleep", "300").ok().line();
    assertEquals("<nil>", daemon.docker("inspect", "-f", "{{.State.Health}}", id).ok().line());
    assertEquals("", daemon.docker("ps", "-q", "--filter", "health=starting").ok().line());
    assertEquals(id.substring(0, 12), daemon.docker("ps", "-q", "--filter", "health=none").ok().line());
    daemon.docker("rm", "-f", id).ok();
  }

  /** The probes go on after a kill -9 of berthd: live restore resumes the monitor. */
  @Test
  void probesResumeAfterACrash() throws Exception {
    try (Berthd own = Berthd.startWithBridge()) {
      own.dockerIn(java.nio.file.Files.readAllBytes(Fixtures.busyboxTar()), "import", "-", "busybox").ok();
      String id = own.docker("run", "-d", "--health-cmd", "test -e /tmp/ok", "--health-interval", "200ms",
          "--health-retries", "1", "busybox", "sh", "-c", "touch /tmp/ok; sleep 300").ok().line();
      Fixtures.await(() -> own.docker("inspect", "-f", "{{.State.Health.Status}}", id).ok().line(), "healthy");
      own.kill9();
      own.restart();
      own.docker("exec", id, "rm", "/tmp/ok").ok();
      Fixtures.await(() -> own.docker("inspect", "-f", "{{.State.Health.Status}}", id).ok().line(), "unhealthy");
      own.docker("rm", "-f", id).ok();
    }
  }

  @Test
  void dockerPyRunsWithAHealthcheck() {
    String script = """
        import docker, sys, time
        c = docker.DockerClient(base_url=sys.argv[1])
        box = c.containers.run("busybox", ["sleep", "300"], detach=True,
            healthcheck={"test": ["CMD-SHELL", "exit 0"], "interval": 200000000})
        for _ in range(100):
            box.reload()
            if box.attrs["State"]["Health"]["Status"] == "healthy":
                break
            time.sleep(0.1)
        print(box.attrs["State"]["Health"]["Status"], box.attrs["Config"]["Healthcheck"]["Test"])
        box.remove(force=True)
        """;
    Result py = Berthd.exec(List.of("/usr/bin/python3", "-c", script, daemon.host()), Map.of(), null).ok();
    assertEquals("healthy ['CMD-SHELL', 'exit 0']", py.line());
  }

  private static String status(String id) {
    return daemon.docker("inspect", "-f", "{{.State.Health.Status}}", id).ok().line();
  }

}
