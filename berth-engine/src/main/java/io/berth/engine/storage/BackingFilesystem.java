package io.berth.engine.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The file system under a driver's home, named as dockerd names it in {@code docker info}. */
final class BackingFilesystem {
  private BackingFilesystem() {}

  static String of(Path path) {
    try {
      String type = Files.getFileStore(path).type();
      return switch (type) {
        case "ext2", "ext3", "ext4" -> "extfs";
        default -> type;
      };
    } catch (IOException e) {
      return "<unknown>";
    }
  }
}
