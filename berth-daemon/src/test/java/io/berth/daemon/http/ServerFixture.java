package io.berth.daemon.http;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** A server on a unix socket in a temporary directory. */
final class ServerFixture implements AutoCloseable {
  final HttpServer server;
  final Path socket;

  ServerFixture(Path dir, Router router) throws IOException {
    socket = dir.resolve("test.sock");
    server = new HttpServer(router, new ServerInfo("Berth", "9.9.9", ApiVersion.MAX));
    server.listen(new ListenAddress.Unix(socket));
  }

  TestClient client() throws IOException {
    return new TestClient(socket);
  }

  /** Sends one request on a connection of its own and reads the answer. */
  TestClient.Answer request(String text) throws IOException {
    try (TestClient client = client()) {
      return client.request(text);
    }
  }

  @Override
  public void close() {
    server.shutdown(Duration.ofSeconds(1));
  }
}
