package io.berth.network;

import io.berth.common.AtomicFiles;
import io.berth.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One network's endpoint records: {@code <dir>/<containerId>.json}, written atomically, all read
 * back at open. Memory mirrors the directory.
 */
final class EndpointStore {
  private final Path dir;
  private final Map<String, Endpoint> byContainer = new ConcurrentHashMap<>();

  private EndpointStore(Path dir) {
    this.dir = dir;
  }

  /** Loads every record; a record that cannot be read (never written whole) is dropped. */
  static EndpointStore open(Path dir) throws IOException {
    Files.createDirectories(dir);
    EndpointStore store = new EndpointStore(dir);
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (name.startsWith(".")) {
          Files.deleteIfExists(f); // a temp file a crash left behind
          continue;
        }
        if (!name.endsWith(".json")) {
          continue;
        }
        try {
          Endpoint e = Json.read(Files.readAllBytes(f), Endpoint.class);
          if (e.containerId() != null && name.equals(e.containerId() + ".json")) {
            store.byContainer.put(e.containerId(), e);
            continue;
          }
        } catch (IOException unreadable) {
          // fall through and drop it
        }
        Files.deleteIfExists(f);
      }
    }
    return store;
  }

  Optional<Endpoint> get(String containerId) {
    return Optional.ofNullable(byContainer.get(containerId));
  }

  List<Endpoint> all() {
    return List.copyOf(byContainer.values());
  }

  void save(Endpoint e) {
    try {
      AtomicFiles.write(file(e.containerId()), Json.bytes(e));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    byContainer.put(e.containerId(), e);
  }

  void remove(String containerId) {
    try {
      AtomicFiles.delete(file(containerId));
    } catch (NoSuchFileException ignored) {
      // already gone
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    byContainer.remove(containerId);
  }

  private Path file(String containerId) {
    return dir.resolve(containerId + ".json");
  }
}
