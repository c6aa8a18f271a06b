package io.berth.daemon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownTest {
  @TempDir
  Path dir;

  @Test
  void idleConnectionsCloseAndInFlightRequestsFinish() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Router router = new Router()
        .get("/ok", r -> Response.text(200, "ok"))
        .get("/slow", r -> {
          started.countDown();
          Thread.sleep(300);
          return Response.text(200, "done");
        });
    ServerFixture fixture = new ServerFixture(dir, router);
    try (TestClient idle = fixture.client(); TestClient busy = fixture.client()) {
      assertEquals(200, idle.request("GET /ok HTTP/1.1\r\n\r\n").status());
      busy.send("GET /slow HTTP/1.1\r\n\r\n");
      assertTrue(started.await(5, TimeUnit.SECONDS));

      Thread shutdown = Thread.ofVirtual().start(() -> fixture.server.shutdown(Duration.ofSeconds(5)));
      assertTrue(idle.closedByServer());
      var answer = busy.read(false);
      assertEquals("done", answer.text());
      assertEquals("close", answer.headers().get("Connection"));
      shutdown.join(5000);
      assertFalse(shutdown.isAlive());
      assertFalse(Files.exists(fixture.socket), "socket file removed");
      assertThrows(IOException.class, fixture::client);
      assertEquals(0, fixture.server.openConnections());
    }
  }

  @Test
  void busyConnectionsAreCutAfterTheGracePeriod() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Router router = new Router().get("/forever", r -> Response.stream(Response.JSON, out -> {
      started.countDown();
      Thread.sleep(60_000);
    }));
    ServerFixture fixture = new ServerFixture(dir, router);
    try (TestClient client = fixture.client()) {
      client.send("GET /forever HTTP/1.1\r\n\r\n");
      client.head();
      assertTrue(started.await(5, TimeUnit.SECONDS));
      long t0 = System.nanoTime();
      fixture.server.shutdown(Duration.ofMillis(200));
      assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3));
      assertTrue(client.closedByServer());
    }
  }

  @Test
  void staleSocketIsReplacedButALiveOneIsNot() throws Exception {
    Router router = new Router();
    ServerFixture first = new ServerFixture(dir, router);
    var e = assertThrows(IOException.class, () -> new ServerFixture(dir, router));
    assertTrue(e.getMessage().contains("address already in use"), e.getMessage());
    first.server.shutdown(Duration.ZERO);
    // leave a dead socket file behind, as a killed daemon would
    try (var channel = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      channel.bind(java.net.UnixDomainSocketAddress.of(first.socket));
    }
    assertTrue(Files.exists(first.socket));
    try (ServerFixture second = new ServerFixture(dir, router); TestClient client = second.client()) {
      assertEquals(404, client.request("GET /x HTTP/1.1\r\n\r\n").status());
      String mode = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(second.socket));
      assertEquals("rw-rw----", mode);
    }
  }
}
