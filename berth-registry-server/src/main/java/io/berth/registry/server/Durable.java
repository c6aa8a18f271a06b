package io.berth.registry.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Crash-safe writes under the registry's root: content is staged in {@code tmp/} (same file system), fsynced,
 * renamed into place and the directory fsynced, so a reader or a restart sees the old file or the new one,
 * never a part. What a kill -9 leaves in {@code tmp/} is removed at the next start.
 */
final class Durable {
  private final Path tmp;

  Durable(Path tmp) {
    this.tmp = tmp;
  }

  /** A fresh staging file name in tmp/ (not created). */
  Path stagingFile() throws IOException {
    Files.createDirectories(tmp);
    return tmp.resolve(UUID.randomUUID().toString());
  }

  /** Replaces {@code target} with {@code content}, whole or not at all. */
  void write(Path target, byte[] content) throws IOException {
    Path staged = stagingFile();
    try (FileChannel ch = FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(true);
    }
    publish(staged, target, true);
  }

  /**
   * Moves a finished, fsynced file into place. With {@code replace} false an existing target wins (content
   * addressed: the same name means the same bytes) and the staged file is dropped.
   */
  void publish(Path staged, Path target, boolean replace) throws IOException {
    Files.createDirectories(target.getParent());
    try {
      if (replace) {
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else if (Files.exists(target)) {
        Files.deleteIfExists(staged);
        return;
      } else {
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (FileAlreadyExistsException e) {
      Files.deleteIfExists(staged);
      return;
    } catch (IOException e) {
      Files.deleteIfExists(staged);
      throw e;
    }
    syncDirectory(target.getParent());
  }

  static void fsync(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException ignored) {
      // some file systems refuse fsync on a directory; the rename is atomic all the same
    }
  }

  /** Empties tmp/: whatever is there was being written when the last run stopped. */
  void sweep() throws IOException {
    if (!Files.isDirectory(tmp)) {
      return;
    }
    try (var entries = Files.list(tmp)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        Trees.delete(p);
      }
    }
  }
}
