package io.berth.registry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a kill -9 can leave behind is cleaned when the store opens. */
class RecoveryTest {
  @TempDir
  Path root;

  @Test
  void startRemovesStagingFilesAndHalfMadeUploadSessions() throws Exception {
    try (TestRegistry r = new TestRegistry(root)) {
      r.pushImage("app", "v1", "a");
    }
    Files.writeString(root.resolve("tmp/3f1e-staged"), "half a blob");
    Files.createDirectories(root.resolve("tmp/dir-staged"));
    Path halfSession = root.resolve("uploads/0b7f8a4e-1111-2222-3333-444455556666");
    Files.createDirectories(halfSession);
    Files.writeString(halfSession.resolve("data"), "no repository file");
    Path whole = root.resolve("uploads/0b7f8a4e-1111-2222-3333-777777777777");
    Files.createDirectories(whole);
    Files.writeString(whole.resolve("repository"), "app");
    Files.writeString(whole.resolve("data"), "kept");
    try (TestRegistry r = new TestRegistry(root)) {
      assertEquals(0, PushPullTest.files(root.resolve("tmp")));
      assertFalse(Files.exists(halfSession));
      assertTrue(Files.exists(whole));
      assertEquals("0-3", r.get("/v2/app/blobs/uploads/0b7f8a4e-1111-2222-3333-777777777777")
          .headers().firstValue("Range").orElse(""));
      assertEquals(200, r.get("/v2/app/manifests/v1").statusCode());
    }
  }
}
