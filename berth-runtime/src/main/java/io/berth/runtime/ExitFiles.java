package io.berth.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * conmon's exit files: {@code <exitDir>/<id>} holds the exit code as decimal text (128+N after signal N,
 * -1 when conmon could not tell). conmon writes them with a temporary file and a rename, so a file that
 * exists is complete; temporaries are named {@code <id>.XXXXXX} and are skipped.
 */
public final class ExitFiles {
  private ExitFiles() {
  }

  /** The exit code conmon wrote for id, or empty while the container has not exited. */
  public static OptionalInt read(Path exitDir, String id) throws IOException {
    return readFile(exitDir.resolve(id));
  }

  /** Every exit file in the directory, id to exit code (for the scan at berthd start). */
  public static Map<String, Integer> list(Path exitDir) throws IOException {
    Map<String, Integer> result = new LinkedHashMap<>();
    if (!Files.isDirectory(exitDir)) {
      return result;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(exitDir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (name.contains(".")) {
          continue;
        }
        readFile(p).ifPresent(code -> result.put(name, code));
      }
    }
    return result;
  }

  /** Removes the exit file (before relaunching the container, or once the engine recorded it). */
  public static void remove(Path exitDir, String id) throws IOException {
    Files.deleteIfExists(exitDir.resolve(id));
  }

  static OptionalInt readFile(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (NoSuchFileException e) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
