package io.berth.daemon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StreamingTest extends ServerTestBase {
  final CountDownLatch firstLineRead = new CountDownLatch(1);
  final CountDownLatch clientGone = new CountDownLatch(1);
  final CountDownLatch lastChunkRead = new CountDownLatch(1);
  final CountDownLatch cleanedUp = new CountDownLatch(2);

  @Override
  Router routes() {
    return new Router()
        .get("/events", r -> Response.stream(Response.JSON, out -> {
          out.write("{\"n\":1}\n".getBytes(StandardCharsets.UTF_8));
          // the second line is only written once the client has seen the first: proves per-write flushing
          assertTrue(firstLineRead.await(5, TimeUnit.SECONDS));
          out.write("{\"n\":2}\n".getBytes(StandardCharsets.UTF_8));
        }))
        .get("/follow", r -> {
          r.onClientClose(clientGone::countDown);
          return Response.stream(Response.JSON, out -> {
            out.write("{}\n".getBytes(StandardCharsets.UTF_8));
            assertTrue(clientGone.await(5, TimeUnit.SECONDS));
            assertTrue(r.clientClosed());
          });
        })
        .get("/then", r -> Response.stream(Response.JSON,
            out -> out.write("{}\n".getBytes(StandardCharsets.UTF_8)), () -> {
              // runs only once the client has the last chunk: it does not wait for this
              try {
                if (lastChunkRead.await(5, TimeUnit.SECONDS)) {
                  cleanedUp.countDown();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }))
        .get("/then-failed", r -> Response.stream(Response.JSON, out -> {
          throw new IllegalStateException("the writer failed");
        }, cleanedUp::countDown))
        .post("/load", r -> Response.stream(Response.JSON, out -> {
          // reads the request body while streaming progress, as image load does
          byte[] buffer = new byte[3];
          int n;
          while ((n = r.body().read(buffer)) > 0) {
            out.write(("got " + new String(buffer, 0, n, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8));
          }
        }));
  }

  @Test
  void chunksArriveAsTheyAreWritten() throws Exception {
    try (TestClient client = fixture.client()) {
      var head = client.head("GET /events HTTP/1.1\r\n\r\n");
      assertEquals(200, head.status());
      assertEquals("chunked", head.headers().get("Transfer-Encoding"));
      assertEquals("application/json", head.headers().get("Content-Type"));
      assertEquals(8, Integer.parseInt(client.line(), 16));
      assertEquals("{\"n\":1}", client.line());
      client.line();
      firstLineRead.countDown();
      assertEquals("8", client.line());
      assertEquals("{\"n\":2}", client.line());
      client.line();
      assertEquals("0", client.line()); // last chunk
      assertEquals("", client.line());
      assertTrue(client.closedByServer());
    }
  }

  @Test
  void workAfterTheBodyRunsOnceItsLastChunkIsSent() throws Exception {
    try (TestClient client = fixture.client()) {
      assertEquals(200, client.head("GET /then HTTP/1.1\r\n\r\n").status());
      client.line();
      assertEquals("{}", client.line());
      client.line();
      assertEquals("0", client.line());
      lastChunkRead.countDown();
    }
    try (TestClient client = fixture.client()) {
      assertEquals(200, client.head("GET /then-failed HTTP/1.1\r\n\r\n").status());
    }
    assertTrue(cleanedUp.await(5, TimeUnit.SECONDS), "ran after a body that ended and after one that failed");
  }

  @Test
  void clientCloseIsSignalledToTheHandler() throws Exception {
    TestClient client = fixture.client();
    assertEquals(200, client.head("GET /follow HTTP/1.1\r\n\r\n").status());
    client.line();
    assertEquals("{}", client.line());
    client.close();
    assertTrue(clientGone.await(5, TimeUnit.SECONDS));
  }

  @Test
  void bodyCanBeReadWhileStreaming() throws Exception {
    var answer = fixture.request("POST /load HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n");
    assertEquals("got abc\ngot def\n", answer.text());
  }

  @Test
  void headOfAStreamHasNoBody() throws Exception {
    Router router = new Router().head("/s", r -> Response.stream(Response.JSON, out -> out.write('x')));
    try (ServerFixture other = new ServerFixture(dir.resolve("sub").toFile().mkdirs() ? dir.resolve("sub") : dir, router);
        TestClient client = other.client()) {
      client.send("HEAD /s HTTP/1.1\r\n\r\n");
      assertEquals(200, client.read(true).status());
      assertTrue(client.closedByServer());
    }
  }
}
