package io.berth.daemon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HijackTest extends ServerTestBase {
  final CountDownLatch handlerDone = new CountDownLatch(1);
  /** Each test is one hijacked connection. */
  @AutoClose
  TestClient client;

  @Override
  Router routes() {
    return new Router()
        // echoes upper-cased until the client half-closes, then says goodbye on the still-open output
        .post("/containers/{id}/attach", r -> Response.hijack(Response.MULTIPLEXED_STREAM, (in, out) -> {
          try {
            byte[] all = in.readAllBytes();
            out.write(new String(all, StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8));
            out.write("|bye".getBytes(StandardCharsets.UTF_8));
          } finally {
            handlerDone.countDown();
          }
        }))
        // reads the JSON body first, as exec start does, then closes its write side
        .post("/exec/{id}/start", r -> {
          var body = r.jsonObject();
          return Response.hijack((in, out) -> {
            out.write(("detach=" + body.get("Detach")).getBytes(StandardCharsets.UTF_8));
            out.close();
            handlerDone.countDown();
          });
        });
  }

  @BeforeEach
  void connect() throws IOException {
    client = fixture.client(); // runs after the base class has started the server
  }

  @Test
  void upgradeThenHalfCloseKeepsTheServersOutput() throws Exception {
    var head = client.head("POST /v1.50/containers/c1/attach?stream=1&stdin=1 HTTP/1.1\r\nHost: api\r\n"
        + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
    assertEquals(101, head.status());
    assertEquals("UPGRADED", head.reason());
    assertEquals(Response.MULTIPLEXED_STREAM, head.headers().get("Content-Type"));
    assertEquals("Upgrade", head.headers().get("Connection"));
    assertEquals("tcp", head.headers().get("Upgrade"));

    client.send("hello ");
    client.send("world");
    client.channel.shutdownOutput(); // the CLI's stdin reached EOF
    byte[] rest = client.in.readAllBytes(); // server output continues, then the connection closes
    assertEquals("HELLO WORLD|bye", new String(rest, StandardCharsets.UTF_8));
    assertTrue(handlerDone.await(5, TimeUnit.SECONDS));
  }

  @Test
  void withoutUpgradeHeaderTheAnswerIs200RawStream() throws Exception {
    var head = client.head("POST /exec/e1/start HTTP/1.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: 15\r\n\r\n{\"Detach\":true}");
    assertEquals(200, head.status());
    assertEquals(Response.RAW_STREAM, head.headers().get("Content-Type"));
    assertFalse(head.headers().has("Content-Length"));
    InputStream in = client.in;
    assertEquals("detach=true", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    assertTrue(handlerDone.await(5, TimeUnit.SECONDS));
  }

  @Test
  void bytesSentRightAfterTheRequestReachTheHandler() throws Exception {
    // request and the first stdin bytes in one write: the server must not lose the buffered bytes
    client.send("POST /containers/c1/attach HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\nearly");
    client.channel.shutdownOutput();
    assertEquals(101, client.head().status());
    assertEquals("EARLY|bye", new String(client.in.readAllBytes(), StandardCharsets.UTF_8));
  }
}
