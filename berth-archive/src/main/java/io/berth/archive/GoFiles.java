package io.berth.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The file operations of an extraction, none of which follows a symlink in its last component, failing in
 * Go's words as Docker's archive package does ({@code "unlinkat /etc/hosts: device or resource busy"}).
 */
final class GoFiles {
  private GoFiles() {
  }

  /** lstat, or null when nothing is there (a parent that is no directory included, as Docker's untar sees it). */
  static BasicFileAttributes lstat(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (FileSystemException e) {
      if ("Not a directory".equals(e.getReason())) {
        return null;
      }
      throw e;
    }
  }

  static void mkdir(Path p) throws IOException {
    try {
      Files.createDirectory(p);
    } catch (FileSystemException e) {
      throw PathError.of("mkdir", e, p.toString());
    }
  }

  /** A new regular file for writing (O_CREAT|O_EXCL|O_NOFOLLOW: never through a link planted there). */
  static FileChannel createFile(Path p) throws IOException {
    try {
      return FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
    } catch (FileSystemException e) {
      throw PathError.of("open", e, p.toString());
    }
  }

  /** link(2), which does not follow {@code existing} when it is a symlink. */
  static void link(Path existing, Path link) throws IOException {
    try {
      Files.createLink(link, existing);
    } catch (FileSystemException e) {
      throw PathError.of("link", e, existing.toString(), link.toString());
    }
  }

  /** Deletes a path and, for a real directory, everything under it (Go's os.RemoveAll); never follows symlinks. */
  static void removeAll(Path path) throws IOException {
    BasicFileAttributes attrs = lstat(path);
    if (attrs == null) {
      return;
    }
    if (!attrs.isDirectory()) {
      unlink(path);
      return;
    }
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
        unlink(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        if (exc != null) {
          throw exc;
        }
        unlink(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void unlink(Path path) throws IOException {
    try {
      Files.delete(path);
    } catch (NoSuchFileException e) {
      // gone meanwhile: what RemoveAll wanted
    } catch (FileSystemException e) {
      throw PathError.of("unlinkat", e, path.toString());
    }
  }
}
