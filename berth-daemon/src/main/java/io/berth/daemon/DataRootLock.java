package io.berth.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * One daemon per data-root: an exclusive lock on {@code DATA_ROOT/berth.lock}, held for the
 * daemon's lifetime. The kernel drops it when the process dies, so a crash never leaves it stuck.
 * The file holds the owner's PID, for the message a second daemon prints.
 */
record DataRootLock(FileChannel channel, FileLock lock) implements AutoCloseable {
  static final String FILE_NAME = "berth.lock";

  static DataRootLock acquire(Path dataRoot) throws StartupException {
    FileChannel channel = null;
    try {
      if (!Files.isDirectory(dataRoot)) {
        Files.createDirectories(dataRoot);
        Files.setPosixFilePermissions(dataRoot, PosixFilePermissions.fromString("rwx--x--x"));
      }
      Path file = dataRoot.resolve(FILE_NAME);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this very process (a second daemon in one JVM: tests)
      }
      if (lock == null) {
        String owner = Files.readString(file, StandardCharsets.US_ASCII).strip();
        channel.close();
        throw new StartupException("failed to start daemon: data-root " + dataRoot
            + " is in use by another berth daemon" + (owner.isEmpty() ? "" : " (PID " + owner + ")"));
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
      channel.force(false);
      return new DataRootLock(channel, lock);
    } catch (IOException e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // already failing
        }
      }
      throw new StartupException("failed to start daemon: cannot lock data-root " + dataRoot + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      channel.truncate(0); // while still holding the lock: a successor may already be waiting
      lock.release();
      channel.close();
    } catch (IOException e) {
      Log.warn(e, "could not release the data-root lock");
    }
  }
}
