package io.berth.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test on a fresh directory {@code root} in JUnit's temporary directory {@code tmp} (made before the test's own set-up). */
abstract class TempRootTest {
  @TempDir
  Path tmp;
  Path root;

  @BeforeEach
  void createRoot() throws IOException {
    root = Files.createDirectory(tmp.resolve("root"));
  }
}
