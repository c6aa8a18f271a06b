package io.berth.engine.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.berth.common.Digest;
import io.berth.registry.Credentials;
import io.berth.registry.Descriptor;
import io.berth.registry.Endpoint;
import io.berth.registry.MediaTypes;
import io.berth.registry.RegistryHttp;
import io.berth.registry.Repository;
import io.berth.registry.Session;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A blob download's bookkeeping: what is on disk is kept, hashed and completed with a range request. */
class BlobDownloadTest {
  @TempDir
  Path dir;
  private final byte[] blob = new byte[100_000];
  private final List<String> ranges = new CopyOnWriteArrayList<>();
  private volatile boolean honourRange = true;
  private volatile int cutAfter = -1;
  private HttpServer server;
  private Repository repo;

  @BeforeEach
  void start() throws IOException {
    new java.util.Random(7).nextBytes(blob);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v2/", this::serve);
    server.start();
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    repo = new Session(new RegistryHttp(ProxySelector.of(null), "test"), new Endpoint("127.0.0.1", base, false,
        Endpoint.Tls.SYSTEM), Credentials.ANONYMOUS).repository("a/b");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void serve(HttpExchange e) throws IOException {
    try (e) {
      if (e.getRequestURI().getPath().equals("/v2/")) {
        e.sendResponseHeaders(200, -1);
        return;
      }
      String range = e.getRequestHeaders().getFirst("Range");
      ranges.add(range == null ? "" : range);
      int from = range != null && honourRange ? Integer.parseInt(range.substring(6, range.length() - 1)) : 0;
      if (from > 0) {
        e.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (blob.length - 1) + "/" + blob.length);
      }
      e.sendResponseHeaders(from > 0 ? 206 : 200, blob.length - from);
      int end = cutAfter >= 0 ? Math.min(blob.length, from + cutAfter) : blob.length;
      e.getResponseBody().write(blob, from, end - from);
    } catch (IOException ignored) {
      // a cut transfer
    }
  }

  private BlobDownload download(Digest digest) {
    return new BlobDownload(Descriptor.of(MediaTypes.DOCKER_LAYER_GZIP, digest, blob.length), dir.resolve("blob"));
  }

  private static byte[] read(BlobDownload d) throws IOException {
    try (InputStream in = d.follow()) {
      return in.readAllBytes();
    }
  }

  @Test
  void bytesOnDiskAreKeptAndTheRestAskedFor() throws IOException {
    Files.write(dir.resolve("blob"), Arrays.copyOf(blob, 40_000));
    BlobDownload d = download(Digest.sha256(blob));
    d.resumeFromDisk();
    d.fetch(repo);
    assertEquals(List.of("bytes=40000-"), ranges);
    assertTrue(d.verified());
    assertArrayEquals(blob, read(d));
  }

  @Test
  void aRegistryThatIgnoresTheRangeIsReadFromTheStart() throws IOException {
    honourRange = false;
    Files.write(dir.resolve("blob"), Arrays.copyOf(blob, 40_000));
    BlobDownload d = download(Digest.sha256(blob));
    d.resumeFromDisk();
    d.fetch(repo);
    assertTrue(d.verified());
    assertArrayEquals(blob, Files.readAllBytes(dir.resolve("blob")));
  }

  @Test
  void aCutTransferLeavesItsBytesForTheNextAttempt() throws IOException {
    cutAfter = 30_000;
    BlobDownload d = download(Digest.sha256(blob));
    d.resumeFromDisk();
    assertThrows(IOException.class, () -> d.fetch(repo));
    long kept = Files.size(dir.resolve("blob"));
    assertTrue(kept > 0 && kept <= 30_000, "kept " + kept);
    assertFalse(d.verified());
    cutAfter = -1;
    d.fetch(repo);
    assertEquals(List.of("", "bytes=" + kept + "-"), ranges);
    assertArrayEquals(blob, read(d));
  }

  @Test
  void aWrongDigestThrowsTheBytesAway() throws IOException {
    BlobDownload d = download(Digest.sha256(new byte[] {1}));
    d.resumeFromDisk();
    assertEquals("filesystem layer verification failed for digest " + Digest.sha256(new byte[] {1}),
        assertThrows(BlobDownload.VerificationFailed.class, () -> d.fetch(repo)).getMessage());
    assertFalse(Files.exists(dir.resolve("blob")));
  }
}
