package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.archive.TarEntry;
import io.berth.archive.TarReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextTest {
  @Test
  void timesAreWholeSecondsAsTheDockerCliSendsThem(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\n");
    Path file = dir.resolve("f");
    Files.writeString(file, "x");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-01-01T00:00:00.123456789Z")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BuildContext.writeDirectory(dir, "Dockerfile", false, null, null, out);

    List<String> entries = new ArrayList<>();
    try (TarReader tar = new TarReader(new ByteArrayInputStream(out.toByteArray()))) {
      for (TarEntry e = tar.next(); e != null; e = tar.next()) {
        entries.add(e.name());
        if (e.name().equals("f")) {
          assertEquals(Instant.parse("2020-01-01T00:00:00Z"), e.mtime());
        }
      }
    }
    assertEquals(List.of("Dockerfile", "f"), entries);
    // go-archive's headers: no PAX record for a time, so two blocks of header and data per small file,
    // then the two zero blocks
    assertEquals(512 * (2 + 2 + 2), out.size());
  }
}
