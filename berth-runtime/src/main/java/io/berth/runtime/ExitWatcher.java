package io.berth.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls a listener when conmon writes an exit file in a daemon's exit directory. The directory is
 * watched first and scanned second, so no exit is missed between the two: exit files already present
 * at start are reported too, and the listener must be idempotent (an exit may be reported twice if its
 * file is rewritten). Remove an exit file with {@link ExitFiles#remove} once recorded, or before
 * relaunching the container.
 */
public final class ExitWatcher implements Closeable {
  /** Called on the watcher's thread; must not block long. */
  @FunctionalInterface
  public interface Listener {
    void exited(String id, int exitCode);
  }

  private static final System.Logger LOG = System.getLogger(ExitWatcher.class.getName());

  private final Path exitDir;
  private final Listener listener;
  private final WatchService watch;
  private final Map<String, FileTime> reported = new ConcurrentHashMap<>();
  private final Thread thread;

  private ExitWatcher(Path exitDir, Listener listener) throws IOException {
    this.exitDir = exitDir;
    this.listener = listener;
    this.watch = exitDir.getFileSystem().newWatchService();
    exitDir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
    this.thread = Thread.ofVirtual().name("exit-watcher " + exitDir).unstarted(this::run);
  }

  public static ExitWatcher start(Path exitDir, Listener listener) throws IOException {
    Files.createDirectories(exitDir);
    ExitWatcher w = new ExitWatcher(exitDir.toAbsolutePath(), listener);
    w.thread.start();
    return w;
  }

  private void run() {
    scanAll();
    try {
      while (true) {
        WatchKey key = watch.take();
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            scanAll();
          } else if (event.context() instanceof Path name) {
            check(name.toString());
          }
        }
        if (!key.reset()) {
          return; // the directory went away
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  private void scanAll() {
    try (var names = Files.list(exitDir)) {
      names.forEach(p -> check(p.getFileName().toString()));
    } catch (IOException ignored) {
      // directory gone: nothing to report
    }
  }

  private void check(String name) {
    if (name.contains(".")) {
      return; // conmon's temporary file, renamed into place when complete
    }
    Path file = exitDir.resolve(name);
    try {
      FileTime mtime = Files.getLastModifiedTime(file);
      OptionalInt code = ExitFiles.readFile(file);
      if (code.isEmpty() || mtime.equals(reported.put(name, mtime))) {
        return;
      }
      listener.exited(name, code.getAsInt());
    } catch (IOException e) {
      reported.remove(name);
    } catch (RuntimeException e) {
      // a failing listener must not stop the watch for every other container
      LOG.log(System.Logger.Level.WARNING, "exit listener failed for " + name, e);
    }
  }

  /** Forgets an id so a new exit file for it (after a restart) is reported again even with an equal time. */
  public void forget(String id) {
    reported.remove(id);
  }

  @Override
  public void close() throws IOException {
    watch.close();
    thread.interrupt();
  }
}
