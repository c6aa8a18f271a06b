package io.berth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * berth's built-in registry ({@code bin/berth registry serve}) with real clients: the Docker CLI through the
 * reference engine and through berthd, skopeo and docker-py; plain HTTP for chunked and resumed uploads; and
 * crash safety: a kill -9 in the middle of a push, and garbage collection while a push runs.
 */
class RegistryServerTest {
  @Started
  private static BerthRegistry registry;
  @Started
  private static ReferenceDockerd reference;
  @Started
  private static Berthd daemon;
  private static Path work;

  @BeforeAll
  static void start() throws IOException {
    work = Files.createTempDirectory("berth-e2e-regserver-work-");
    System.out.println("berth registry serve: first 200 on /v2/ after " + registry.startMillis + " ms");
  }

  @AfterAll
  static void stop() {
    Berthd.deleteTree(work);
  }

  @Test
  void referenceEnginePushesAndPullsBackTheSameImage() throws IOException {
    String image = registry.host() + "/e2e/ref:1";
    reference.docker("load", "-i", Fixtures.fixture("docker20-multi.tar").toString()).ok();
    reference.docker("tag", "berth-fixture/multi:1.0", image).ok();
    String before = reference.imageId(image);
    assertTrue(reference.docker("push", image).ok().out().contains("Pushed"));
    reference.docker("rmi", image, "berth-fixture/multi:1.0").ok();
    reference.docker("pull", image).ok();
    assertEquals(before, reference.imageId(image));

    // the same layers into another repository are mounted, not uploaded again
    String other = registry.host() + "/e2e/other:2";
    reference.docker("tag", image, other).ok();
    assertTrue(reference.docker("push", other).ok().out().contains("Mounted from e2e/ref"));
    HttpResponse<String> catalog = registry.call("GET", "/v2/_catalog", null, null);
    assertTrue(catalog.body().contains("\"e2e/other\"") && catalog.body().contains("\"e2e/ref\""), catalog.body());
  }

  @Test
  void berthdPushesAndPullsThroughTheDockerCli() throws IOException {
    String image = registry.host() + "/e2e/from-berth:1";
    String id = daemon.dockerIn(Files.readAllBytes(Fixtures.busyboxTar()), "import", "-", image).ok().line();
    daemon.docker("push", image).ok();
    daemon.docker("rmi", image).ok();
    daemon.docker("pull", image).ok();
    assertEquals(id, daemon.imageId(image));
    reference.docker("pull", image).ok();
    assertEquals(id, reference.imageId(image));

    // /v1/search over the repositories it holds, through berthd
    Result search = daemon.berth("search", registry.host() + "/from-berth");
    assertTrue(search.ok().out().contains("e2e/from-berth"), search.toString());
  }

  @Test
  void skopeoCopiesInAndOut() throws IOException {
    String image = registry.host() + "/e2e/skopeo-src:1";
    reference.docker("import", Fixtures.busyboxTar().toString(), image).ok();
    reference.docker("push", image).ok();
    Path layout = work.resolve("oci");
    skopeo("copy", "--src-tls-verify=false", "docker://" + image, "oci:" + layout + ":v1").ok();
    skopeo("copy", "--dest-tls-verify=false", "oci:" + layout + ":v1",
        "docker://" + registry.host() + "/e2e/skopeo-dst:v1").ok();
    Result inspect = skopeo("inspect", "--tls-verify=false", "docker://" + registry.host() + "/e2e/skopeo-dst:v1").ok();
    assertTrue(inspect.out().contains("\"v1\""), inspect.out());
    assertTrue(registry.missingReferences().isEmpty());
  }

  @Test
  void pullThroughCacheInFrontOfDistribution() throws Exception {
    try (LocalRegistry upstream = LocalRegistry.start("");
         BerthRegistry cache = BerthRegistry.start("--proxy", "http://127.0.0.1:1", "--proxy",
             "http://" + upstream.host())) {
      String source = upstream.host() + "/lib/cached:1";
      reference.docker("import", Fixtures.busyboxTar().toString(), source).ok();
      reference.docker("push", source).ok();
      String id = reference.imageId(source);
      String through = cache.host() + "/lib/cached:1";
      reference.docker("pull", through).ok();
      assertEquals(id, reference.imageId(through));
      reference.docker("rmi", through).ok();
      upstream.close(); // the cache stored what it served: it answers without its upstream
      reference.docker("pull", through).ok();
      assertEquals(id, reference.imageId(through));
      assertEquals(List.of(), cache.missingReferences());
    }
  }

  @Test
  void dockerPyPushesAndPulls() throws IOException {
    String repo = registry.host() + "/e2e/py";
    reference.docker("import", Fixtures.busyboxTar().toString(), repo + ":1").ok();
    String script = """
        import docker, sys
        c = docker.DockerClient(base_url='unix://%s')
        for line in c.api.push('%s', tag='1', stream=True, decode=True):
            if 'error' in line: sys.exit(line['error'])
        c.images.remove('%s:1')
        print(c.images.pull('%s', tag='1').id)
        """.formatted(reference.socket, repo, repo, repo);
    Result r = Berthd.exec(List.of("/usr/bin/python3", "-c", script), Map.of(), null).ok();
    assertEquals(reference.imageId(repo + ":1"), r.line());
  }

  @Test
  void chunkedUploadResumesAcrossAKill9() throws Exception {
    HttpResponse<String> started = registry.call("POST", "/v2/e2e/chunks/blobs/uploads/", null, null);
    assertEquals(202, started.statusCode());
    String location = started.headers().firstValue("Location").orElseThrow();
    byte[] data = new byte[300_000];
    new Random(7).nextBytes(data);
    assertEquals(202, registry.call("PATCH", location, "application/octet-stream",
        java.util.Arrays.copyOfRange(data, 0, 100_000)).statusCode());
    registry.kill9();
    registry.restart();
    HttpResponse<String> status = registry.call("GET", location, null, null);
    assertEquals(204, status.statusCode());
    assertEquals("0-99999", status.headers().firstValue("Range").orElse(""));
    assertEquals(202, registry.call("PATCH", location, "application/octet-stream",
        java.util.Arrays.copyOfRange(data, 100_000, 300_000)).statusCode());
    String digest = sha256(data);
    assertEquals(201, registry.call("PUT", location + "?digest=" + digest, null, null).statusCode());
    HttpResponse<String> head = registry.call("HEAD", "/v2/e2e/chunks/blobs/" + digest, null, null);
    assertEquals("300000", head.headers().firstValue("Content-Length").orElse(""));
  }

  @Test
  void digestMismatchLeavesNothing() throws Exception {
    String claimed = sha256("other".getBytes());
    HttpResponse<String> r = registry.call("POST", "/v2/e2e/bad/blobs/uploads/?digest=" + claimed,
        "application/octet-stream", "content".getBytes());
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("DIGEST_INVALID"), r.body());
    assertFalse(Files.exists(registry.blobFile(claimed)));
    assertFalse(Files.exists(registry.blobFile(sha256("content".getBytes()))));
    assertEquals(404, registry.call("GET", "/v2/e2e/bad/blobs/" + claimed, null, null).statusCode());
  }

  @Test
  void kill9DuringAPushLeavesAConsistentStoreAndTheRetryCompletes() throws Exception {
    String image = registry.host() + "/e2e/crash:1";
    importRandomImage(reference, image, 32 << 20, 11);
    CompletableFuture<Result> push = CompletableFuture.supplyAsync(() -> reference.docker("push", image));
    waitForUploadData(registry.root, 1 << 20);
    registry.kill9();
    assertEquals(List.of(), registry.missingReferences()); // the store as the kill left it
    registry.restart();
    push.join(); // the engine retries after a pause: whether a retry got through or not, the store is whole
    assertEquals(List.of(), registry.missingReferences());
    reference.docker("push", image).ok();
    String id = reference.imageId(image);
    reference.docker("rmi", image).ok();
    reference.docker("pull", image).ok();
    assertEquals(id, reference.imageId(image));
    assertEquals(List.of(), registry.missingReferences());
  }

  @Test
  void deleteThenCollectWhileAPushRuns() throws Exception {
    try (BerthRegistry gc = BerthRegistry.start("--gc-grace", "2s")) {
      String old = gc.host() + "/gc/old:1";
      reference.docker("import", Fixtures.busyboxTar().toString(), old).ok();
      reference.docker("push", old).ok();
      String digest = reference.docker("image", "inspect", "-f", "{{index .RepoDigests 0}}", old).ok().line();
      digest = digest.substring(digest.indexOf('@') + 1);
      Map<String, Object> manifest = io.berth.common.Json.object(Files.readAllBytes(gc.blobFile(digest)));
      String oldLayer = (String) ((Map<?, ?>) ((List<?>) manifest.get("layers")).getFirst()).get("digest");
      assertEquals(202, gc.call("DELETE", "/v2/gc/old/manifests/" + digest, null, null).statusCode());
      Thread.sleep(3000); // past the grace period

      String fresh = gc.host() + "/gc/new:1";
      importRandomImage(reference, fresh, 16 << 20, 5);
      CompletableFuture<Result> push = CompletableFuture.supplyAsync(() -> reference.docker("push", fresh));
      int collections = 0;
      while (!push.isDone() || collections == 0) {
        Result collected = Berthd.exec(List.of(Berthd.REPO.resolve("bin/berth").toString(), "registry",
            "garbage-collect", "--addr", gc.host()), Map.of(), null).ok();
        assertTrue(collected.out().contains("blobsRemoved"), collected.out());
        collections++;
      }
      push.join().ok();
      assertFalse(Files.exists(gc.blobFile(oldLayer)), "the deleted image's layer was collected");
      assertEquals(List.of(), gc.missingReferences());
      String id = reference.imageId(fresh);
      reference.docker("rmi", fresh).ok();
      reference.docker("pull", fresh).ok();
      assertEquals(id, reference.imageId(fresh));
    }
  }

  /** Imports a one-layer image holding {@code size} random bytes (incompressible: the push takes a while). */
  private static void importRandomImage(ReferenceDockerd engine, String image, int size, long seed) throws IOException {
    Path dir = Files.createTempDirectory(work, "random-");
    byte[] chunk = new byte[1 << 20];
    Random random = new Random(seed);
    try (OutputStream out = Files.newOutputStream(dir.resolve("data.bin"))) {
      for (int written = 0; written < size; written += chunk.length) {
        random.nextBytes(chunk);
        out.write(chunk);
      }
    }
    Path tar = work.resolve("random-" + seed + ".tar");
    Berthd.exec(List.of("tar", "-C", dir.toString(), "-cf", tar.toString(), "."), Map.of(), null).ok();
    engine.docker("import", tar.toString(), image).ok();
  }

  /** Waits until some upload session of the registry holds at least {@code bytes}. */
  private static void waitForUploadData(Path root, long bytes) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.walk(root.resolve("uploads"))) {
        if (files.anyMatch(p -> p.getFileName().toString().equals("data") && size(p) >= bytes)) {
          return;
        }
      } catch (IOException | java.io.UncheckedIOException e) {
        // a session directory went away while we looked
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no upload reached " + bytes + " bytes");
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  private static String sha256(byte[] data) throws java.security.NoSuchAlgorithmException {
    return "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
  }

  private static Result skopeo(String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("skopeo"));
    cmd.addAll(List.of(args));
    return Berthd.exec(cmd, Map.of(), null);
  }
}
