package io.berth.registry.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The AOT cache's training run (scripts/build-registry.sh): a server on a scratch root starts and answers
 * {@code GET /v2/}, so that what start-up loads is in the cache, linked. Only that: the JVM loads every class
 * of the cache when it starts, so training a push too (Jackson, the manifest code) made start-up slower.
 * Raw HTTP/1.1 over a socket: the training must not load an HTTP client.
 */
public final class Training {
  private Training() {}

  public static void main(String[] args) throws Exception {
    Path root = Files.createTempDirectory("berth-registry-training-");
    Settings settings = new Settings(new InetSocketAddress("127.0.0.1", 0), root, Duration.ZERO, Duration.ZERO,
        Log.Level.ERROR);
    try (RegistryServer server = RegistryServer.start(settings, new Log(new PrintStream(OutputStream.nullOutputStream()),
        Log.Level.ERROR))) {
      int port = server.address().getPort();
      call(port, "GET", "/v2/", null, "");
    } finally {
      io.berth.common.AtomicFiles.deleteTree(root);
    }
  }

  private static String call(int port, String method, String path, byte[] body, String headers) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      String head = method + " " + path + " HTTP/1.1\r\nHost: training\r\nConnection: close\r\n" + headers
          + "Content-Length: " + (body == null ? 0 : body.length) + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      return response.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
