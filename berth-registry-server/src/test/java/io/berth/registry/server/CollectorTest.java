package io.berth.registry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Online garbage collection: what it frees and what it must never touch. */
class CollectorTest {
  @TempDir
  Path root;

  private Path blobFile(Digest d) {
    return new Layout(root).blob(d);
  }

  /** Ages every link so that only references (not recent pushes) keep blobs alive. */
  private void ageLinks() throws Exception {
    try (var walk = Files.walk(root.resolve("repositories"))) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Files.setLastModifiedTime(p, FileTime.fromMillis(0));
      }
    }
  }

  @Test
  void freesWhatNoManifestReferencesAndKeepsTheRest() throws Exception {
    TestRegistry.Pushed kept;
    TestRegistry.Pushed dropped;
    Digest shared;
    try (TestRegistry r = new TestRegistry(root, Duration.ofMinutes(10))) {
      kept = r.pushImage("keep", "v1", "kept");
      dropped = r.pushImage("drop", "v1", "dropped");
      shared = r.pushBlob("drop", ("layer of kept").getBytes()); // also kept's layer
      r.call("DELETE", "/v2/drop/manifests/" + dropped.manifest(), null);

      // a recent push is spared even though no manifest references its blobs yet
      Collector.Result spared = r.server.collector.collect();
      assertEquals(1, spared.blobsRemoved()); // only the deleted manifest itself
      assertFalse(Files.exists(blobFile(dropped.manifest())));
      assertTrue(Files.exists(blobFile(dropped.layer())));
    }
    ageLinks(); // and a restart forgets the repositories' recent activity
    try (TestRegistry r = new TestRegistry(root, Duration.ofMinutes(10))) {
      Collector.Result result = r.server.collector.collect();
      assertEquals(2, result.blobsRemoved()); // dropped's config and layer
      assertFalse(Files.exists(blobFile(dropped.layer())));
      assertFalse(Files.exists(blobFile(dropped.config())));
      assertTrue(Files.exists(blobFile(kept.layer())));
      assertTrue(Files.exists(blobFile(shared)));
      assertTrue(Files.exists(blobFile(kept.manifest())));
      assertEquals(200, r.get("/v2/keep/manifests/v1").statusCode());
      assertEquals(200, r.get("/v2/keep/blobs/" + kept.layer()).statusCode());
      assertEquals(404, r.get("/v2/drop/blobs/" + dropped.layer()).statusCode()); // its link went too
      assertEquals(200, r.get("/v2/drop/blobs/" + shared).statusCode());
    }
  }

  @Test
  void anOpenUploadKeepsItsRepositorysBlobsAndItsData() throws Exception {
    try (TestRegistry r = new TestRegistry(root, Duration.ZERO)) {
      Digest early = r.pushBlob("busy", "first layer".getBytes());
      String location = r.call("POST", "/v2/busy/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
      r.call("PATCH", location, "half".getBytes());
      ageLinks();
      Collector.Result result = r.server.collector.collect();
      assertEquals(0, result.blobsRemoved());
      assertTrue(Files.exists(blobFile(early)));
      Digest whole = Digest.sha256("half and the rest".getBytes());
      assertEquals(201, r.call("PUT", location + "?digest=" + whole, " and the rest".getBytes()).statusCode());
      String manifest = TestRegistry.imageManifest(early, 11, whole, 17, "");
      assertEquals(201, r.call("PUT", "/v2/busy/manifests/v1", manifest.getBytes(),
          "Content-Type", "application/vnd.oci.image.manifest.v1+json").statusCode());
    }
  }

  @Test
  void writersDuringACollectionAreSpared() throws Exception {
    try (TestRegistry r = new TestRegistry(root, Duration.ZERO)) {
      Store store = r.server.store;
      Digest d = r.pushBlob("race", "racing blob".getBytes());
      ageLinks();
      store.guard.begin();
      store.guard.reached(d); // as a manifest PUT between mark and sweep would
      Collector.Result swept = store.guard.sweep(spared -> () -> {
        assertTrue(spared.contains(d));
        return null;
      });
      assertEquals(null, swept);
      assertTrue(Files.exists(blobFile(d)));
    }
  }
}
