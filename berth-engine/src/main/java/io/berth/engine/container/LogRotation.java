package io.berth.engine.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * json-file's rotation for {@code max-file} > 1: when a running container's log reaches
 * max-size it becomes {@code container.log.1} (older ones shift up, the oldest is dropped) and
 * conmon reopens a fresh file. (With max-file 1, conmon's own size limit truncates instead,
 * which is what json-file does then.) Sizes are checked a few times a second, so a log may
 * briefly exceed max-size.
 */
final class LogRotation {
  private static final System.Logger LOG = System.getLogger(LogRotation.class.getName());
  private static final Duration INTERVAL = Duration.ofMillis(250);

  private LogRotation() {}

  /** Reopens a container's log: its monitor starts a new file (after the rename). */
  interface Reopen {
    void reopen(Container c) throws IOException;
  }

  static Thread start(ContainerStore store, Function<String, Path> logPath, Reopen reopen) {
    return Thread.ofVirtual().name("log-rotation").start(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        for (Container c : store.all()) {
          if (c.state().running() && !c.state().paused()) {
            try {
              rotateIfDue(c, logPath.apply(c.id()), reopen);
            } catch (IOException | RuntimeException e) {
              LOG.log(System.Logger.Level.WARNING, "rotating the log of " + c.shortId() + ": " + e.getMessage());
            }
          }
        }
        try {
          Thread.sleep(INTERVAL);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  private static void rotateIfDue(Container c, Path log, Reopen reopen) throws IOException {
    int maxFile = LogOptions.maxFile(c.hostConfig().logConfig());
    long maxSize = LogOptions.maxSize(c.hostConfig().logConfig());
    if (maxFile <= 1 || maxSize <= 0 || !Files.exists(log) || Files.size(log) < maxSize) {
      return;
    }
    Files.deleteIfExists(rotated(log, maxFile - 1));
    for (int i = maxFile - 2; i >= 1; i--) {
      if (Files.exists(rotated(log, i))) {
        Files.move(rotated(log, i), rotated(log, i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(log, rotated(log, 1), StandardCopyOption.REPLACE_EXISTING);
    reopen.reopen(c); // the monitor goes on in a new container.log
  }

  static Path rotated(Path log, int n) {
    return log.resolveSibling(log.getFileName() + "." + n);
  }

  /** The log's files oldest first, the current one last: what {@code logs} reads. */
  static List<Path> files(Path log) {
    List<Path> out = new ArrayList<>();
    for (int n = 64; n >= 1; n--) {
      Path p = rotated(log, n);
      if (Files.exists(p)) {
        out.add(p);
      }
    }
    out.add(log);
    return out;
  }
}
