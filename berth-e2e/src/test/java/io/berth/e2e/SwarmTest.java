package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Swarm mode's commands and endpoints answer as the reference dockerd does on a node in no swarm, compared
 * byte for byte through the Docker CLI, docker-py and raw HTTP; only init and join differ (berth refuses them).
 */
class SwarmTest {
  @Started
  private static Berthd daemon;
  @Started
  private static ReferenceDockerd reference;

  /** berthd has no plugin system: its plugin commands answer as the reference's with no plugin installed. */
  @Test
  void theDockerCliSeesNoPlugin() {
    List<List<String>> commands = List.of(
        List.of("plugin", "ls"), List.of("plugin", "ls", "--filter", "enabled=true"),
        List.of("plugin", "ls", "--filter", "enabled=x"), List.of("plugin", "ls", "--filter", "bogus=1"),
        List.of("plugin", "inspect", "foo"), List.of("plugin", "rm", "foo"), List.of("plugin", "rm", "-f", "foo"),
        List.of("plugin", "enable", "foo"), List.of("plugin", "disable", "foo"), List.of("plugin", "set", "foo", "a=b"),
        List.of("plugin", "push", "foo"), List.of("plugin", "upgrade", "foo", "bar"));
    for (List<String> command : commands) {
      String[] args = command.toArray(String[]::new);
      assertEquals(reference.docker(args).toString(), daemon.docker(args).toString(), String.join(" ", command));
    }
  }

  @Test
  void theDockerCliSeesANodeInNoSwarm() {
    List<List<String>> commands = List.of(
        List.of("node", "ls"), List.of("node", "inspect", "self"), List.of("node", "rm", "x"),
        List.of("node", "update", "--availability", "drain", "x"),
        List.of("service", "ls"), List.of("service", "inspect", "x"), List.of("service", "logs", "x"),
        List.of("service", "ps", "x"), List.of("service", "rm", "x"),
        List.of("secret", "ls"), List.of("secret", "rm", "x"), List.of("config", "ls"), List.of("config", "inspect", "x"),
        List.of("swarm", "leave"), List.of("swarm", "leave", "--force"), List.of("swarm", "unlock-key"),
        List.of("swarm", "update", "--autolock=true"), List.of("swarm", "join-token", "worker"), List.of("swarm", "ca"),
        List.of("stack", "ls"),
        List.of("info", "--format", "{{json .Swarm}}"));
    for (List<String> command : commands) {
      String[] args = command.toArray(String[]::new);
      Result docker = reference.docker(args);
      Result berth = daemon.docker(args);
      assertEquals(docker.toString(), berth.toString(), String.join(" ", command));
    }
  }

  @Test
  void initAndJoinAreRefused() {
    String message = "Error response from daemon: This node cannot create or join a swarm: berth does not implement"
        + " swarm mode\n";
    Result init = daemon.docker("swarm", "init", "--advertise-addr", "127.0.0.1");
    assertEquals(1, init.exit());
    assertEquals(message, init.err());
    Result join = daemon.docker("swarm", "join", "--token", "SWMTKN-1-x", "127.0.0.1:2377");
    assertEquals(1, join.exit());
    assertEquals(message, join.err());
    assertEquals("inactive", daemon.docker("info", "--format", "{{.Swarm.LocalNodeState}}").ok().line(),
        "and the node stays out of any swarm");
  }

  @Test
  void dockerPySeesANodeInNoSwarm() {
    String script = """
        import docker, sys
        c = docker.DockerClient(base_url=sys.argv[1])
        print(repr(c.swarm.attrs))
        for call in (c.services.list, c.nodes.list, c.secrets.list, c.configs.list, lambda: c.swarm.leave()):
            try:
                call()
            except docker.errors.APIError as e:
                print(type(e).__name__, e.status_code, e.explanation)
        """;
    Result docker = Berthd.exec(List.of("python3", "-c", script, "unix://" + reference.socket), Map.of(), null).ok();
    Result berth = Berthd.exec(List.of("python3", "-c", script, daemon.host()), Map.of(), null).ok();
    assertEquals(docker.out(), berth.out());
    assertNotEquals("", berth.out());
  }

  /** Each endpoint's status and body for requests a client may send, well formed or not. */
  @Test
  void rawAnswersAreDockerds() {
    List<String> requests = List.of(
        "GET /swarm", "POST /swarm/init", "POST /swarm/init {bad", "POST /swarm/join", "POST /swarm/leave",
        "POST /swarm/update {}", "POST /swarm/update?version=1 {}", "POST /swarm/update?version=x {}",
        "POST /swarm/update?version=1&rotateManagerToken=zz {}", "GET /swarm/unlockkey", "POST /swarm/unlock {}",
        "GET /services", "GET /services?filters=bad", "GET /services?status=maybe", "GET /services/x",
        "GET /services/x?insertDefaults=zz", "POST /services/create {}", "POST /services/x/update {}",
        "POST /services/x/update?version=3 {}", "DELETE /services/x", "GET /services/x/logs",
        "GET /services/x/logs?stdout=1", "GET /nodes", "GET /nodes?filters=bad", "GET /nodes/x", "DELETE /nodes/x",
        "POST /nodes/x/update {}", "POST /nodes/x/update?version=1 []", "GET /tasks", "GET /tasks/x",
        "GET /tasks/x/logs", "GET /tasks/x/logs?stderr=1", "GET /secrets", "POST /secrets/create {}",
        "GET /secrets/x", "DELETE /secrets/x", "POST /secrets/x/update {}", "GET /configs", "POST /configs/create",
        "GET /configs/x", "DELETE /configs/x", "POST /configs/x/update?version=1 {}");
    for (String r : requests) {
      String[] parts = r.split(" ", 3);
      assertEquals(curl(reference.socket.toString(), parts), curl(daemon.socket.toString(), parts), r);
    }
  }

  private static String curl(String socket, String[] request) {
    List<String> cmd = new java.util.ArrayList<>(List.of("curl", "-s", "-w", " %{http_code}", "--unix-socket", socket,
        "-X", request[0], "http://engine/v1.41" + request[1]));
    if (request.length > 2) {
      cmd.addAll(List.of("-H", "Content-Type: application/json", "--data-binary", request[2]));
    }
    return Berthd.exec(cmd, Map.of(), null).ok().out();
  }
}
