package io.berth.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** The daemon's PID file: refused while another live process owns it, written atomically, removed at exit. */
record PidFile(Path path, long pid) implements AutoCloseable {
  static PidFile write(Path path) throws StartupException {
    long self = ProcessHandle.current().pid();
    long other = read(path);
    if (other > 0 && other != self && Files.exists(Path.of("/proc", Long.toString(other)))) {
      throw new StartupException("failed to start daemon, ensure berth is not running or delete " + path
          + ": process with PID " + other + " is still running");
    }
    try {
      Path parent = path.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temp = Files.createTempFile(parent, "." + path.getFileName(), ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
      try {
        Files.writeString(temp, Long.toString(self));
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new StartupException("failed to start daemon: cannot write PID file " + path + ": " + e.getMessage(), e);
    }
    return new PidFile(path, self);
  }

  /** The PID in the file; 0 when there is no file or it holds no number. */
  static long read(Path path) {
    try {
      return Long.parseLong(Files.readString(path, StandardCharsets.US_ASCII).strip());
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  /** Removes the file if it is still ours. */
  @Override
  public void close() {
    if (read(path) == pid) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        Log.warn(e, "could not remove PID file " + path);
      }
    }
  }
}
