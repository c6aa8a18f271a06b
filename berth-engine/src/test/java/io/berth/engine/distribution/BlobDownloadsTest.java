package io.berth.engine.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobDownloadsTest {
  @TempDir
  Path dir;

  @Test
  void partialDownloadsAreKeptForADayThenSwept() throws IOException {
    Path fresh = Files.writeString(dir.resolve("a".repeat(64)), "part");
    Path stale = Files.writeString(dir.resolve("b".repeat(64)), "part");
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(25))));
    Files.createDirectories(dir.resolve("junk"));
    new BlobDownloads(dir);
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(fresh), left.toList());
    }
  }
}
