package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code search} against a v1 index served by the test (distribution's registry has none: it
 * answers dockerd's "Unexpected status code 404"); bin/berth prints what the Docker CLI prints.
 */
class RegistrySearchTest {
  private static final String HITS = """
      {"num_results":3,"query":"busybox","results":[
       {"name":"e2e/busybox","description":"The Swiss army knife of embedded Linux, in one small\\nstatic binary",
        "star_count":12,"is_official":true,"is_automated":false},
       {"name":"e2e/tiny","description":"small","star_count":1,"is_official":false,"is_automated":true},
       {"name":"e2e/three","description":"","star_count":3,"is_official":false,"is_automated":false}]}""";
  private static final List<String> queries = new CopyOnWriteArrayList<>();
  @Started
  private static LocalRegistry registry;
  @Started
  private static Berthd daemon;
  private static ServerSocket index;

  @BeforeAll
  static void start() throws IOException {
    index = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(RegistrySearchTest::serve);
  }

  @AfterAll
  static void stop() {
    Fixtures.closeAll(index);
  }

  /**
   * A v1 index in a few lines of HTTP: {@code /v1/_ping} and {@code /v1/search} answered, one
   * request per connection; a TLS hello is hung up on at once, as a plain Go server refuses one.
   */
  private static void serve() {
    while (!index.isClosed()) {
      try (Socket s = index.accept()) {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
          if (head.size() == 0 && b == 0x16) {
            break; // a TLS handshake record
          }
          head.write(b);
          if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            String target = head.toString(StandardCharsets.ISO_8859_1).split(" ")[1];
            if (target.startsWith("/v1/search?")) {
              queries.add(target.substring("/v1/search?".length()));
            }
            byte[] body = (target.startsWith("/v1/search") ? HITS : "{}").getBytes(StandardCharsets.UTF_8);
            s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(body);
            break;
          }
        }
      } catch (IOException e) {
        // closed, or a client that went away
      }
    }
  }

  private static String term() {
    return "127.0.0.1:" + index.getLocalPort() + "/busybox";
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "--no-trunc", "--filter stars=3", "--filter is-official=true", "--limit 2",
      "--format {{.Name}}:{{.StarCount}}:{{.IsOfficial}}", "--format json", "--format table {{.Name}}"})
  void berthPrintsWhatTheDockerCliPrints(String options) {
    List<String> args = new java.util.ArrayList<>(List.of("search"));
    if (!options.isEmpty()) {
      String[] parts = options.split(" ", 2);
      args.addAll(List.of(parts));
    }
    args.add(term());
    Result docker = daemon.docker(args.toArray(String[]::new)).ok();
    Result berth = daemon.berth(args.toArray(String[]::new)).ok();
    assertEquals(docker.out(), berth.out());
    assertTrue(docker.out().contains("e2e/"), docker.out());
  }

  @Test
  void queriesAndFilters() {
    queries.clear();
    String out = daemon.docker("search", "--limit", "2", "--filter", "is-official=true", term()).ok().out();
    assertEquals(List.of("q=busybox&n=2"), queries);
    assertEquals(List.of("NAME          DESCRIPTION                                     STARS     OFFICIAL",
        "e2e/busybox   The Swiss army knife of embedded Linux, in o…   12        [OK]"), out.lines().toList());
  }

  @Test
  void refusalsInDockerdsWords() throws IOException {
    Result noIndex = daemon.docker("search", registry.host() + "/busybox");
    assertEquals(1, noIndex.exit());
    assertEquals("Error response from daemon: Unexpected status code 404", noIndex.err().strip());
    assertTrue(daemon.docker("search", "--limit", "200", term()).err()
        .contains("Limit 200 is outside the range of [1, 100]"));
    assertTrue(daemon.berth("search", "--filter", "foo=bar", term()).err().contains("invalid filter 'foo'"));
    assertTrue(daemon.docker("search", "--filter", "is-official=maybe", term()).err()
        .contains("invalid filter 'is-official=[maybe]'"));
    int port = LocalRegistry.freePort("127.0.0.1");
    Result unreachable = daemon.docker("search", "127.0.0.1:" + port + "/x");
    assertTrue(unreachable.err().contains("invalid registry endpoint \"http://127.0.0.1:" + port + "/v1/\". HTTPS "
        + "attempt: Get \"https://127.0.0.1:" + port + "/v1/_ping\": dial tcp 127.0.0.1:" + port + ": connect: "
        + "connection refused. HTTP attempt: Get \"http://127.0.0.1:" + port + "/v1/_ping\": dial tcp 127.0.0.1:"
        + port + ": connect: connection refused"), unreachable.err());
  }
}
