package io.berth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.BerthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Container endpoints: the request lines the Docker CLI sends, and answers decoded. */
class ContainerClientTest {
  @TempDir
  Path dir;
  private ScriptedPeer peer;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws IOException {
    peer.close();
  }

  private ContainerClient serve(Function<String, String> answer) throws IOException {
    peer = new ScriptedPeer(dir, (in, out) -> {
      String first = HttpResponseReader.readLine(in);
      long length = 0;
      String line;
      while (!(line = HttpResponseReader.readLine(in)).isEmpty()) {
        if (line.toLowerCase().startsWith("content-length:")) {
          length = Long.parseLong(line.substring(15).strip());
        }
      }
      String body = new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
      requests.add(first + (body.isEmpty() ? "" : " " + body));
      String json = answer.apply(first);
      int status = json.startsWith("{\"message\"") ? 404 : 200;
      out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json)
          .getBytes(StandardCharsets.UTF_8));
    });
    return new ContainerClient(new BerthClient(peer.host, "1.50"));
  }

  @Test
  void queriesAreSpelledAsTheDockerCliSpellsThem() throws IOException {
    ContainerClient containers = serve(request -> request.contains("/create") ? "{\"Id\":\"abc\",\"Warnings\":[]}"
        : request.contains("/json") ? "[]" : "");
    assertEquals("abc", containers.create(Map.of("Image", "busybox"), "web", "linux/amd64").get("Id"));
    containers.stop("web", "SIGKILL", 3);
    containers.restart("web", "", null);
    containers.kill("web", "INT");
    containers.remove("web", true, true, false);
    containers.list(true, 3, true, new Filters().add("status", "exited"));
    containers.resize("web", 40, 120);
    containers.rename("web", "new");
    assertEquals(List.of(
        "POST /v1.50/containers/create?name=web&platform=linux%2Famd64 HTTP/1.1 {\"Image\":\"busybox\"}",
        "POST /v1.50/containers/web/stop?signal=SIGKILL&t=3 HTTP/1.1",
        "POST /v1.50/containers/web/restart HTTP/1.1",
        "POST /v1.50/containers/web/kill?signal=INT HTTP/1.1",
        "DELETE /v1.50/containers/web?force=1&v=1 HTTP/1.1",
        "GET /v1.50/containers/json?all=1&filters=%7B%22status%22%3A%7B%22exited%22%3Atrue%7D%7D&limit=3&size=1 HTTP/1.1",
        "POST /v1.50/containers/web/resize?h=40&w=120 HTTP/1.1",
        "POST /v1.50/containers/web/rename?name=new HTTP/1.1"), requests);
  }

  @Test
  void waitResultsAndErrors() throws IOException {
    ContainerClient containers = serve(request -> request.contains("/nosuch/")
        ? "{\"message\":\"No such container: nosuch\"}"
        : request.contains("/bad/") ? "{\"StatusCode\":125,\"Error\":{\"Message\":\"boom\"}}" : "{\"StatusCode\":3}");
    assertEquals(new ContainerClient.WaitResult(3, null),
        ContainerClient.WaitResult.read(containers.waitFor("web", "next-exit")));
    assertEquals(new ContainerClient.WaitResult(125, "boom"),
        ContainerClient.WaitResult.read(containers.waitFor("bad", "removed")));
    BerthException e = assertThrows(BerthException.class, () -> containers.waitFor("nosuch", ""));
    assertInstanceOf(BerthException.NotFound.class, e);
    assertEquals("No such container: nosuch", e.getMessage());
    assertEquals("POST /v1.50/containers/web/wait?condition=next-exit HTTP/1.1", requests.getFirst());
  }
}
