package io.berth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.BerthException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a scripted HTTP peer on a real unix socket. */
class ConnectionTest {
  @TempDir
  Path dir;
  private ScriptedPeer peer;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  /** Serves each connection: reads the request head (and a chunked body), answers with the script. */
  private HostAddress serve(BiFunction<String, byte[], String> script) throws IOException {
    peer = new ScriptedPeer(dir, (in, out) -> {
      StringBuilder head = new StringBuilder();
      String line;
      boolean chunked = false;
      while (!(line = HttpResponseReader.readLine(in)).isEmpty()) {
        head.append(line).append('\n');
        chunked |= line.equalsIgnoreCase("Transfer-Encoding: chunked");
      }
      byte[] body = chunked ? new ChunkedInputStream(in).readAllBytes() : new byte[0];
      requests.add(head.toString());
      String answer = script.apply(head.toString(), body);
      out.write(answer.getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (answer.startsWith("HTTP/1.1 101")) {
        in.transferTo(out); // echo stdin back until the client half-closes
      }
    });
    return peer.host;
  }

  @AfterEach
  void stop() throws IOException {
    if (peer != null) {
      peer.close();
    }
  }

  private static String ok(String json) {
    return "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\nContent-Length: "
        + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
  }

  @Test
  void negotiatesDownToServerVersionAndPrefixesPaths() throws IOException {
    HostAddress host = serve((head, body) -> ok("{\"Version\":\"x\"}"));
    BerthClient client = new BerthClient(host, null);
    assertEquals("x", client.version().get("Version"));
    assertTrue(requests.get(0).startsWith("HEAD /_ping HTTP/1.1\n"), requests.get(0));
    assertTrue(requests.get(1).startsWith("GET /v1.41/version HTTP/1.1\n"), requests.get(1));
    assertTrue(requests.get(1).contains("Host: api.moby.localhost\n"));
  }

  @Test
  void pinnedVersionSkipsPing() throws IOException {
    HostAddress host = serve((head, body) -> ok("[]"));
    BerthClient client = new BerthClient(host, "1.44");
    client.listImages(true, new Filters().add("dangling", "true"));
    assertEquals(1, requests.size());
    assertTrue(requests.get(0).startsWith(
        "GET /v1.44/images/json?all=1&filters=%7B%22dangling%22%3A%7B%22true%22%3Atrue%7D%7D HTTP/1.1"), requests.get(0));
  }

  @Test
  void daemonErrorsBecomeBerthExceptionsOrDaemonException() throws IOException {
    HostAddress host = serve((head, body) -> {
      String msg = head.contains("/images/nope/json") ? "{\"message\":\"No such image: nope:latest\"}" : "{\"message\":\"kaput\"}";
      int status = head.contains("nope") ? 404 : 500;
      return "HTTP/1.1 " + status + " X\r\nContent-Length: " + msg.length() + "\r\n\r\n" + msg;
    });
    BerthClient client = new BerthClient(host, "1.50");
    BerthException e = assertThrows(BerthException.class, () -> client.inspectImage("nope"));
    assertInstanceOf(BerthException.NotFound.class, e);
    assertEquals("No such image: nope:latest", e.getMessage());
    DaemonException d = assertThrows(DaemonException.class, () -> client.info());
    assertEquals(500, d.status());
    assertEquals("kaput", d.getMessage());
  }

  @Test
  void uploadsChunkedAndStreamsChunkedAnswer() throws IOException {
    HostAddress host = serve((head, body) -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + Integer.toHexString(body.length + 2) + "\r\n{" + new String(body, StandardCharsets.UTF_8) + "}\r\n0\r\n\r\n");
    BerthClient client = new BerthClient(host, "1.50");
    byte[] tar = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
    try (HttpResponse r = client.loadImages(new ByteArrayInputStream(tar), true, null)) {
      assertEquals(100_002, r.readBody().length);
    }
    assertTrue(requests.get(0).startsWith("POST /v1.50/images/load?quiet=1 HTTP/1.1"));
    assertTrue(requests.get(0).contains("Content-Type: application/x-tar"));
  }

  @Test
  void hijackGivesRawBidirectionalStream() throws IOException {
    HostAddress host = serve((head, body) -> head.contains("Upgrade: tcp")
        ? "HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n" : ok("{}"));
    BerthClient client = new BerthClient(host, "1.50");
    try (HijackedStream s = client.hijack("/containers/c/attach", new BerthClient.Query().add("stream", "1"), RequestBody.NONE)) {
      s.output().write("ping\n".getBytes(StandardCharsets.UTF_8));
      s.closeWrite();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      s.input().transferTo(got);
      assertEquals("ping\n", got.toString(StandardCharsets.UTF_8));
    }
    assertTrue(requests.get(0).contains("Connection: Upgrade"));
  }

  @Test
  void unreachableSocketUsesDockerWording() {
    HostAddress host = HostAddress.parse("unix://" + dir.resolve("none.sock"));
    DaemonUnreachableException e = assertThrows(DaemonUnreachableException.class,
        () -> new BerthClient(host, null).version());
    assertEquals("Cannot connect to the Docker daemon at unix://" + dir.resolve("none.sock")
        + ". Is the docker daemon running?", e.getMessage());
    assertTrue(Files.notExists(dir.resolve("none.sock")));
  }

  @Test
  void anAnswerBeforeTheWholeBodyIsReadIsTheResponse() throws IOException {
    // a daemon that refuses a request by its query: answers and closes without reading the body
    peer = new ScriptedPeer(dir, (in, out) -> {
      while (!HttpResponseReader.readLine(in).isEmpty()) {
        // the head only
      }
      String json = "{\"message\":\"invalid reference format\"}";
      out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: " + json.length()
          + "\r\nConnection: close\r\n\r\n" + json).getBytes(StandardCharsets.UTF_8));
      out.flush();
    });
    InputStream endless = new InputStream() { // far more than the socket buffers hold
      private long left = 256L << 20;

      @Override
      public int read() {
        return left-- > 0 ? 0 : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        left -= n;
        return n;
      }
    };
    try (Connection c = Connection.open(peer.host);
        HttpResponse response = c.exchange("POST", "/v1.50/build", java.util.Map.of(),
            RequestBody.stream(endless, "application/x-tar"))) {
      assertEquals(400, response.status());
      assertEquals("{\"message\":\"invalid reference format\"}", new String(response.readBody(),
          StandardCharsets.UTF_8));
    }
  }
}
