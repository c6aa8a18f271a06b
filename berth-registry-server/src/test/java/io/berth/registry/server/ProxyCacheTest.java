package io.berth.registry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pull-through cache: upstreams tried in order, what it serves stored, tags followed, served offline. */
class ProxyCacheTest {
  @TempDir
  Path dir;

  @Test
  void cachesFromTheFirstUpstreamThatAnswersAndServesItOffline() throws Exception {
    TestRegistry upstream = new TestRegistry(dir.resolve("upstream"));
    TestRegistry.Pushed first = upstream.pushImage("lib/app", "1", "first");
    int deadPort;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      deadPort = probe.getLocalPort(); // closed at once: nothing listens there
    }
    Settings settings = new Settings(new InetSocketAddress("127.0.0.1", 0), dir.resolve("cache"), Duration.ZERO,
        Duration.ofHours(1), Log.Level.ERROR, null, null, null, null,
        List.of(URI.create("http://127.0.0.1:" + deadPort), URI.create(upstream.base())));
    try (TestRegistry cache = new TestRegistry(settings, new Log(new PrintStream(System.err), Log.Level.ERROR))) {
      assertEquals(first.body(), cache.get("/v2/lib/app/manifests/1").body());
      assertEquals("layer of first", cache.get("/v2/lib/app/blobs/" + first.layer()).body());
      assertTrue(Files.exists(new Layout(dir.resolve("cache")).blob(first.layer())));

      // the tag moves upstream: the cache follows it
      TestRegistry.Pushed second = upstream.pushImage("lib/app", "1", "second");
      assertEquals(second.body(), cache.get("/v2/lib/app/manifests/1").body());
      assertEquals(404, cache.get("/v2/lib/nothing/manifests/1").statusCode());

      upstream.close();
      assertEquals(second.body(), cache.get("/v2/lib/app/manifests/1").body()); // served from the cache
      assertEquals(first.body(), cache.get("/v2/lib/app/manifests/" + first.manifest()).body());
      assertEquals("{\"name\":\"lib/app\",\"tags\":[\"1\"]}", cache.get("/v2/lib/app/tags/list").body());
    } finally {
      upstream.close();
    }
  }
}
