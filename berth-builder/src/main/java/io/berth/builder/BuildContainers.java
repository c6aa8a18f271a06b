package io.berth.builder;

import io.berth.common.AtomicFiles;
import io.berth.engine.container.Lifecycle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Markers of the RUN containers of builds in flight ({@code builder/containers/<id>}): a build that ends
 * removes its marker (and its containers as --rm says); a marker found at start belongs to a build a crash
 * cut short, whose container is removed then, as the client that would have got it is gone.
 */
final class BuildContainers {
  private final Path dir;

  BuildContainers(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
  }

  void add(String id) throws IOException {
    AtomicFiles.writeVolatile(dir.resolve(id), new byte[0]);
  }

  void done(String id) throws IOException {
    Files.deleteIfExists(dir.resolve(id));
  }

  /** At start: the containers of builds a crash interrupted are removed. */
  void sweep(Lifecycle lifecycle) throws IOException {
    try (Stream<Path> markers = Files.list(dir)) {
      for (Path m : (Iterable<Path>) markers::iterator) {
        try {
          lifecycle.remove(m.getFileName().toString(), true);
        } catch (IOException | RuntimeException e) {
          // already gone
        }
        Files.deleteIfExists(m);
      }
    }
  }
}
