package io.berth.engine.storage;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * Docker's directory.Size: the sizes of everything but directories (symlinks count their target's
 * length), each inode once. It is what Docker reports as an overlay2 layer's size.
 */
public final class DirectorySize {
  private DirectorySize() {}

  /** The size of {@code dir}'s contents; a directory that cannot be read counts as empty. */
  public static long of(Path dir) {
    Set<Object> seen = new HashSet<>();
    long[] total = new long[1];
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.size() > 0 && !attrs.isDirectory() && seen.add(attrs.fileKey())) {
            total[0] += attrs.size();
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE; // removed while we walked
        }
      });
    } catch (IOException e) {
      return total[0];
    }
    return total[0];
  }
}
