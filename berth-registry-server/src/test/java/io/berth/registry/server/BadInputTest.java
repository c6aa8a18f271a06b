package io.berth.registry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed names, digests, tags, manifests and oversized bodies get the spec's errors, never a 500. */
class BadInputTest {
  private static final String OCI = "application/vnd.oci.image.manifest.v1+json";

  @TempDir
  Path root;

  private static void assertError(HttpResponse<String> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"code\":\"" + code + "\""), r.body());
  }

  /**
   * Docker tries HTTPS first on an insecure registry: its ClientHello on the plain port must be answered with
   * a 400 at once (as Go's server does), not left waiting for a line end until the client's handshake timeout.
   */
  @Test
  void aTlsHandshakeOnThePlainPortIsRefusedAtOnce() throws Exception {
    try (TestRegistry r = new TestRegistry(root); Socket socket = new Socket("127.0.0.1", r.server.address().getPort())) {
      SSLEngine engine = SSLContext.getDefault().createSSLEngine("127.0.0.1", r.server.address().getPort());
      engine.setUseClientMode(true);
      ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
      engine.wrap(ByteBuffer.allocate(0), hello);
      socket.getOutputStream().write(hello.array(), 0, hello.position());
      socket.setSoTimeout(5000);
      String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
      assertEquals("HTTP/1.1 400", answer);
    }
  }

  @Test
  void namesDigestsAndTags() throws Exception {
    try (TestRegistry r = new TestRegistry(root)) {
      assertError(r.get("/v2/UPPER/manifests/latest"), 400, "NAME_INVALID");
      assertError(r.get("/v2/a//b/tags/list"), 400, "NAME_INVALID");
      assertError(r.get("/v2/" + "a".repeat(256) + "/tags/list"), 400, "NAME_INVALID");
      assertError(r.get("/v2/ok/blobs/sha256:xyz"), 400, "DIGEST_INVALID");
      assertError(r.get("/v2/ok/blobs/md5:0123"), 400, "DIGEST_INVALID");
      assertError(r.get("/v2/ok/manifests/-bad-tag"), 400, "TAG_INVALID");
      assertError(r.get("/v2/ok/blobs/sha256:" + "0".repeat(64)), 404, "BLOB_UNKNOWN");
      assertError(r.get("/v2/ok/manifests/latest"), 404, "MANIFEST_UNKNOWN");
      assertError(r.get("/v2/ok/tags/list"), 404, "NAME_UNKNOWN");
      assertError(r.get("/v2/ok/blobs/uploads/not-a-uuid"), 404, "BLOB_UPLOAD_UNKNOWN");
      assertError(r.get("/v2/ok/blobs/uploads/0b7f8a4e-1111-2222-3333-444455556666"), 404, "BLOB_UPLOAD_UNKNOWN");
      assertError(r.get("/v2/_catalog?n=-1"), 400, "PAGINATION_NUMBER_INVALID");
      assertError(r.call("POST", "/v2/ok/manifests/latest", null), 405, "UNSUPPORTED");
      HttpResponse<String> head = r.call("HEAD", "/v2/ok/manifests/latest", null);
      assertEquals(404, head.statusCode());
      assertEquals("", head.body());
      assertEquals(404, r.get("/nothing/here").statusCode());
    }
  }

  @Test
  void uploadsOfAnotherRepositoryAreUnknown() throws Exception {
    try (TestRegistry r = new TestRegistry(root)) {
      String location = r.call("POST", "/v2/mine/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
      assertError(r.get(location.replace("/mine/", "/theirs/")), 404, "BLOB_UPLOAD_UNKNOWN");
      assertError(r.call("PUT", location, null), 400, "DIGEST_INVALID"); // no digest
      assertError(r.call("PATCH", location, "x".getBytes(), "Content-Range", "nonsense"), 416, "RANGE_INVALID");
      assertEquals(204, r.call("DELETE", location, null).statusCode());
      assertError(r.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
    }
  }

  @Test
  void malformedManifests() throws Exception {
    try (TestRegistry r = new TestRegistry(root)) {
      assertError(put(r, "not json", OCI), 400, "MANIFEST_INVALID");
      assertError(put(r, "[1,2]", OCI), 400, "MANIFEST_INVALID");
      assertError(put(r, "{\"schemaVersion\":1,\"name\":\"x\"}", OCI), 400, "MANIFEST_INVALID");
      assertError(put(r, "{\"schemaVersion\":2,\"mediaType\":\"" + OCI + "\",\"config\":{\"digest\":\"nope\"},\"layers\":[]}",
          OCI), 400, "MANIFEST_INVALID");
      assertError(put(r, "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}",
          OCI), 400, "MANIFEST_INVALID"); // body and Content-Type disagree
      assertError(put(r, "{\"schemaVersion\":2,\"mediaType\":\"application/x-unknown\"}", "application/x-unknown"),
          400, "MANIFEST_INVALID");
      String huge = "{\"schemaVersion\":2,\"pad\":\"" + "x".repeat(ManifestService.MAX_SIZE) + "\"}";
      assertError(put(r, huge, OCI), 413, "MANIFEST_INVALID");
      TestRegistry.Pushed image = r.pushImage("ok", "v1", "s");
      assertError(r.call("PUT", "/v2/ok/manifests/sha256:" + "1".repeat(64), image.body().getBytes(),
          "Content-Type", OCI), 400, "DIGEST_INVALID");
      assertEquals(0, PushPullTest.files(root.resolve("tmp")));
      assertEquals("{\"name\":\"ok\",\"tags\":[\"v1\"]}", r.get("/v2/ok/tags/list").body());
    }
  }

  private static HttpResponse<String> put(TestRegistry r, String body, String type) throws Exception {
    return r.call("PUT", "/v2/ok/manifests/latest", body.getBytes(), "Content-Type", type);
  }
}
