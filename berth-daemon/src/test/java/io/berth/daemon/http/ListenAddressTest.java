package io.berth.daemon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ListenAddressTest {
  @Test
  void parsesDockerdHostForms() {
    assertEquals(new ListenAddress.Unix(Path.of("/run/x.sock")), ListenAddress.parse("unix:///run/x.sock"));
    assertEquals(new ListenAddress.Unix(Path.of("/var/run/berth.sock")), ListenAddress.parse("unix://"));
    assertEquals(new ListenAddress.Tcp("0.0.0.0", 2375), ListenAddress.parse("tcp://0.0.0.0:2375"));
    assertEquals(new ListenAddress.Tcp("127.0.0.1", 8080), ListenAddress.parse("tcp://:8080"));
    assertEquals(new ListenAddress.Tcp("localhost", 2375), ListenAddress.parse("tcp://localhost"));
    assertEquals(new ListenAddress.Tcp("::1", 2376), ListenAddress.parse("tcp://[::1]:2376"));
    assertEquals(new ListenAddress.Fd(""), ListenAddress.parse("fd://"));
  }

  @Test
  void rejectsBadForms() {
    assertEquals("Invalid bind address format: /run/x.sock",
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("/run/x.sock")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("http://x:1"));
    assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("tcp://x:notaport"));
    assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("tcp://x:1/path"));
  }

  @Test
  void socketActivationWithoutPassedSocketsIsAClearError() {
    HttpServer server = new HttpServer(new Router(), new ServerInfo("Berth", "1", ApiVersion.MAX));
    var e = assertThrows(IOException.class, () -> server.listen(ListenAddress.parse("fd://")));
    assertTrue(e.getMessage().contains("no sockets found via socket activation"), e.getMessage());
  }

  @Test
  void servesOverTcpToo() throws Exception {
    HttpServer server = new HttpServer(new Router().get("/_ping", r -> Response.text(200, "OK")),
        new ServerInfo("Berth", "1", ApiVersion.MAX));
    try {
      Listener listener = server.listen(new ListenAddress.Tcp("127.0.0.1", 0));
      var client = java.net.http.HttpClient.newHttpClient();
      var response = client.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://127.0.0.1:" + listener.port() + "/v1.50/_ping")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      assertEquals("OK", response.body());
      assertEquals("1.50", response.headers().firstValue("api-version").orElseThrow());
    } finally {
      server.shutdown(Duration.ofSeconds(1));
    }
  }
}
