package io.berth.registry.server;

import io.berth.common.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Directory helpers that treat a vanished path as empty (another request may delete it at any time). */
final class Trees {
  private Trees() {}

  static void delete(Path path) throws IOException {
    AtomicFiles.deleteTree(path);
  }

  /** The names in {@code dir}, or none when it does not exist. */
  static List<String> names(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        names.add(p.getFileName().toString());
      }
    } catch (NoSuchFileException e) {
      return names;
    }
    return names;
  }

  /** Removes {@code dir} and then its parents up to (not including) {@code stop} while they are empty. */
  static void pruneEmpty(Path dir, Path stop) {
    for (Path p = dir; p != null && p.startsWith(stop) && !p.equals(stop); p = p.getParent()) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        return; // not empty
      }
    }
  }
}
