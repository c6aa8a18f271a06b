package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.client.BerthClient;
import io.berth.client.ContainerClient;
import io.berth.client.HijackedStream;
import io.berth.client.HostAddress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attach streams against a scripted daemon on a real unix socket: it upgrades the
 * connection, reads the container's stdin until the client half-closes, then answers with
 * multiplexed frames built from what it read, so the test sees both directions and the EOF.
 */
class AttachStreamsTest {
  @TempDir
  Path dir;
  private ServerSocketChannel server;
  private final CompletableFuture<String> requestLine = new CompletableFuture<>();
  private final CompletableFuture<byte[]> stdinSeen = new CompletableFuture<>();

  @AfterEach
  void close() throws IOException {
    server.close();
  }

  private static byte[] frame(int stream, String payload) {
    byte[] data = payload.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[8 + data.length];
    out[0] = (byte) stream;
    out[6] = (byte) (data.length >>> 8);
    out[7] = (byte) data.length;
    System.arraycopy(data, 0, out, 8, data.length);
    return out;
  }

  /** A daemon whose container is {@code cat} with its output echoed once on stderr too. */
  private ContainerClient daemon(boolean tty) throws IOException {
    Path sock = dir.resolve("d.sock");
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(sock));
    Thread.ofVirtual().start(() -> {
      try (SocketChannel c = server.accept()) {
        InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(c));
        OutputStream out = Channels.newOutputStream(c);
        String line;
        StringBuilder head = new StringBuilder();
        while (!(line = readLine(in)).isEmpty()) {
          head.append(line).append('\n');
        }
        requestLine.complete(head.toString());
        out.write("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"
            .getBytes(StandardCharsets.UTF_8));
        out.flush();
        byte[] stdin = in.readAllBytes(); // returns only once the client half-closes
        stdinSeen.complete(stdin);
        String text = new String(stdin, StandardCharsets.UTF_8);
        if (tty) {
          out.write(("tty:" + text).getBytes(StandardCharsets.UTF_8));
        } else {
          out.write(frame(1, "out:" + text));
          out.write(frame(2, "err:" + text.length()));
        }
        out.flush();
      } catch (IOException e) {
        stdinSeen.completeExceptionally(e);
      }
    });
    return new ContainerClient(new BerthClient(HostAddress.parse("unix://" + sock), "1.50"));
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        sb.append((char) b);
      }
    }
    return sb.toString();
  }

  @Test
  void stdinIsHalfClosedAndOutputDemultiplexed() throws Exception {
    ContainerClient containers = daemon(false);
    HijackedStream connection = containers.attach("c1", true, true, true, "", false);
    assertTrue(requestLine.get(5, TimeUnit.SECONDS)
        .startsWith("POST /v1.50/containers/c1/attach?stderr=1&stdin=1&stdout=1&stream=1 HTTP/1.1"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AttachStreams.Outcome outcome = new AttachStreams(connection,
        new ByteArrayInputStream("hello\nworld\n".getBytes(StandardCharsets.UTF_8)), out, err, false,
        DetachKeys.parse(DetachKeys.DEFAULT), () -> { }).stream();
    assertEquals(AttachStreams.Outcome.ENDED, outcome);
    assertEquals("hello\nworld\n", new String(stdinSeen.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    assertEquals("out:hello\nworld\n", out.toString(StandardCharsets.UTF_8));
    assertEquals("err:12", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void detachKeysEndTheSessionWithATty() throws Exception {
    ContainerClient containers = daemon(true);
    HijackedStream connection = containers.attach("c1", true, true, true, "ctrl-a,x", false);
    PipedOutputStream keyboard = new PipedOutputStream();
    InputStream in = new PipedInputStream(keyboard);
    boolean[] restored = new boolean[1];
    CompletableFuture<AttachStreams.Outcome> outcome = CompletableFuture.supplyAsync(() -> {
      try {
        return new AttachStreams(connection, in, new ByteArrayOutputStream(), null, true,
            DetachKeys.parse("ctrl-a,x"), () -> restored[0] = true).stream();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    keyboard.write("ls\u0001x".getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
    assertEquals(AttachStreams.Outcome.DETACHED, outcome.get(5, TimeUnit.SECONDS));
    assertTrue(restored[0]);
    assertTrue(requestLine.get().contains("detachKeys=ctrl-a%2Cx"));
  }

  @Test
  void withoutStdinTheWriteSideIsClosedAtOnce() throws Exception {
    ContainerClient containers = daemon(true);
    HijackedStream connection = containers.attach("c1", false, true, true, "", false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AttachStreams.Outcome outcome = new AttachStreams(connection, null, out, null, true,
        DetachKeys.parse(DetachKeys.DEFAULT), () -> { }).stream();
    assertEquals(AttachStreams.Outcome.ENDED, outcome);
    assertEquals("tty:", out.toString(StandardCharsets.UTF_8));
  }
}
