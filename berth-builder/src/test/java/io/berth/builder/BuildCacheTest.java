package io.berth.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCacheTest {
  @TempDir
  Path dir;

  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  private BuildCache.Entry entry(String id) {
    return new BuildCache.Entry(id, "sha256:" + id, "", BuildCache.REGULAR, "COPY x /", 1, CREATED, CREATED, 0);
  }

  /** A hit is noted in memory at once and written down later, off the build's answer. */
  @Test
  void hitsAreWrittenWhenUsageIsSaved() throws Exception {
    BuildCache cache = new BuildCache(dir);
    cache.put(entry("a"));
    cache.touch("a");
    cache.touch("a");
    assertEquals(2, cache.get("a").orElseThrow().usageCount());
    assertEquals(0, new BuildCache(dir).get("a").orElseThrow().usageCount(), "not written yet");
    cache.saveUsage();
    BuildCache.Entry reread = new BuildCache(dir).get("a").orElseThrow();
    assertEquals(2, reread.usageCount());
    assertEquals(cache.get("a").orElseThrow().lastUsedAt(), reread.lastUsedAt());
  }

  /** A record removed (pruned) between a hit and the save is not written back. */
  @Test
  void aRemovedRecordStaysRemoved() throws Exception {
    BuildCache cache = new BuildCache(dir);
    cache.put(entry("a"));
    cache.touch("a");
    cache.remove("a");
    cache.saveUsage();
    assertFalse(Files.exists(dir.resolve("a.json")));
    assertFalse(new BuildCache(dir).get("a").isPresent());
    cache.touch("missing"); // a key without a record is no hit
    cache.saveUsage();
    assertFalse(Files.exists(dir.resolve("missing.json")));
  }
}
