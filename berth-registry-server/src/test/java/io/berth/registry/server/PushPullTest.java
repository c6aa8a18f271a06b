package io.berth.registry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.Digest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pull and push as the distribution specification has them, over real HTTP. */
class PushPullTest {
  @TempDir
  Path root;

  @Test
  void baseAnswersWithTheApiVersionHeader() throws Exception {
    try (TestRegistry r = new TestRegistry(root)) {
      HttpResponse<String> ping = r.get("/v2/");
      assertEquals(200, ping.statusCode());
      assertEquals("registry/2.0", ping.headers().firstValue("Docker-Distribution-API-Version").orElse(""));
      assertEquals("{}", ping.body());
    }
  }

  @Test
  void manifestsByTagAndDigestAndBlobsWithRanges() throws Exception {
    try (TestRegistry r = new TestRegistry(root)) {
      TestRegistry.Pushed image = r.pushImage("team/app", "v1", "a");
      HttpResponse<String> byTag = r.get("/v2/team/app/manifests/v1");
      assertEquals(200, byTag.statusCode());
      assertEquals(image.body(), byTag.body());
      assertEquals("application/vnd.oci.image.manifest.v1+json", byTag.headers().firstValue("Content-Type").orElse(""));
      assertEquals(image.manifest().toString(), byTag.headers().firstValue("Docker-Content-Digest").orElse(""));
      assertEquals(image.body(), r.get("/v2/team/app/manifests/" + image.manifest()).body());

      HttpResponse<String> head = r.call("HEAD", "/v2/team/app/manifests/v1", null);
      assertEquals(200, head.statusCode());
      assertEquals(String.valueOf(image.body().length()), head.headers().firstValue("Content-Length").orElse(""));

      HttpResponse<String> blob = r.get("/v2/team/app/blobs/" + image.layer());
      assertEquals("layer of a", blob.body());
      HttpResponse<String> part = r.get("/v2/team/app/blobs/" + image.layer(), "Range", "bytes=2-6");
      assertEquals(206, part.statusCode());
      assertEquals("yer o", part.body());
      assertEquals("bytes 2-6/10", part.headers().firstValue("Content-Range").orElse(""));
      assertEquals("a", r.get("/v2/team/app/blobs/" + image.layer(), "Range", "bytes=-1").body());
      assertEquals(416, r.get("/v2/team/app/blobs/" + image.layer(), "Range", "bytes=50-").statusCode());

      HttpResponse<String> headBlob = r.call("HEAD", "/v2/team/app/blobs/" + image.layer(), null);
      assertEquals("10", headBlob.headers().firstValue("Content-Length").orElse(""));
      // another repository cannot serve the blob without a link of its own
      assertEquals(404, r.get("/v2/other/blobs/" + image.layer()).statusCode());
    }
  }

  @Test
  void chunkedUploadWithStatusAndContentRange() throws Exception {
    try (TestRegistry r = new TestRegistry(root)) {
      HttpResponse<String> start = r.call("POST", "/v2/chunks/blobs/uploads/", null);
      assertEquals(202, start.statusCode());
      String location = start.headers().firstValue("Location").orElseThrow();
      assertEquals("0-0", start.headers().firstValue("Range").orElse(""));
      assertTrue(location.endsWith(start.headers().firstValue("Docker-Upload-UUID").orElseThrow()));

      HttpResponse<String> first = r.call("PATCH", location, "hello ".getBytes(), "Content-Range", "0-5");
      assertEquals(202, first.statusCode());
      assertEquals("0-5", first.headers().firstValue("Range").orElse(""));
      // a chunk that does not start where the upload ends is refused, and changes nothing
      HttpResponse<String> gap = r.call("PATCH", location, "x".getBytes(), "Content-Range", "9-9");
      assertEquals(416, gap.statusCode());
      assertTrue(gap.body().contains("RANGE_INVALID"));
      HttpResponse<String> status = r.get(location);
      assertEquals(204, status.statusCode());
      assertEquals("0-5", status.headers().firstValue("Range").orElse(""));

      r.call("PATCH", location, "world".getBytes(), "Content-Range", "6-10");
      Digest digest = Digest.sha256("hello world".getBytes());
      HttpResponse<String> done = r.call("PUT", location + "?digest=" + digest, null);
      assertEquals(201, done.statusCode());
      assertEquals("/v2/chunks/blobs/" + digest, done.headers().firstValue("Location").orElse(""));
      assertEquals("hello world", r.get("/v2/chunks/blobs/" + digest).body());
      assertEquals(404, r.get(location).statusCode()); // the session is over
    }
  }

  @Test
  void uploadResumesAfterARestart() throws Exception {
    String location;
    try (TestRegistry r = new TestRegistry(root)) {
      location = r.call("POST", "/v2/resume/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
      r.call("PATCH", location, "first half,".getBytes(), "Content-Range", "0-10");
    }
    try (TestRegistry r = new TestRegistry(root)) {
      HttpResponse<String> status = r.get(location);
      assertEquals(204, status.statusCode());
      assertEquals("0-10", status.headers().firstValue("Range").orElse(""));
      byte[] whole = "first half,second half".getBytes();
      Digest digest = Digest.sha256(whole);
      HttpResponse<String> done = r.call("PUT", location + "?digest=" + digest, "second half".getBytes());
      assertEquals(201, done.statusCode());
      assertEquals(new String(whole), r.get("/v2/resume/blobs/" + digest).body());
    }
  }

  @Test
  void digestMismatchKeepsNothing() throws Exception {
    try (TestRegistry r = new TestRegistry(root)) {
      Digest claimed = Digest.sha256("something else".getBytes());
      HttpResponse<String> bad = r.call("POST", "/v2/m/blobs/uploads/?digest=" + claimed, "content".getBytes());
      assertEquals(400, bad.statusCode());
      assertTrue(bad.body().contains("\"DIGEST_INVALID\""), bad.body());
      assertEquals(0, files(root.resolve("blobs")));
      assertEquals(0, files(root.resolve("uploads")));
      assertEquals(0, files(root.resolve("tmp")));
      assertFalse(Files.exists(root.resolve("repositories/m/_layers/sha256").resolve(claimed.hex())));
    }
  }

  @Test
  void crossRepositoryMount() throws Exception {
    try (TestRegistry r = new TestRegistry(root)) {
      Digest d = r.pushBlob("source", "shared".getBytes());
      HttpResponse<String> mounted = r.call("POST", "/v2/target/blobs/uploads/?mount=" + d + "&from=source", null);
      assertEquals(201, mounted.statusCode());
      assertEquals(d.toString(), mounted.headers().firstValue("Docker-Content-Digest").orElse(""));
      assertEquals("shared", r.get("/v2/target/blobs/" + d).body());
      // a mount the source cannot serve starts an ordinary upload instead
      Digest missing = Digest.sha256("nowhere".getBytes());
      HttpResponse<String> fallback = r.call("POST", "/v2/target/blobs/uploads/?mount=" + missing + "&from=source", null);
      assertEquals(202, fallback.statusCode());
      assertTrue(fallback.headers().firstValue("Docker-Upload-UUID").isPresent());
    }
  }

  @Test
  void manifestNeedsEveryBlobInItsRepository() throws Exception {
    try (TestRegistry r = new TestRegistry(root)) {
      Digest config = r.pushBlob("elsewhere", "{}".getBytes());
      Digest layer = r.pushBlob("here", "l".getBytes());
      String manifest = TestRegistry.imageManifest(config, 2, layer, 1, "");
      HttpResponse<String> put = r.call("PUT", "/v2/here/manifests/v1", manifest.getBytes(StandardCharsets.UTF_8),
          "Content-Type", "application/vnd.oci.image.manifest.v1+json");
      assertEquals(400, put.statusCode());
      assertTrue(put.body().contains("MANIFEST_BLOB_UNKNOWN") && put.body().contains(config.toString()), put.body());
      assertEquals(404, r.get("/v2/here/manifests/v1").statusCode());
      assertFalse(Files.exists(root.resolve("blobs/sha256").resolve(Digest.sha256(manifest.getBytes()).hex().substring(0, 2))
          .resolve(Digest.sha256(manifest.getBytes()).hex())));
    }
  }

  static long files(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).count();
    }
  }
}
