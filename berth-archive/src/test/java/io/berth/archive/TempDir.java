package io.berth.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A scratch directory under /tmp, deleted (without following symlinks) on close. */
final class TempDir implements AutoCloseable {
  final Path path;

  TempDir(String prefix) throws IOException {
    path = Files.createTempDirectory(Path.of("/tmp"), prefix);
  }

  Path resolve(String rel) {
    return path.resolve(rel);
  }

  @Override
  public void close() throws IOException {
    io.berth.common.AtomicFiles.deleteTree(path);
  }
}
