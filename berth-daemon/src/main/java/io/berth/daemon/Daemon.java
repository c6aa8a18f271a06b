package io.berth.daemon;

import io.berth.daemon.http.ApiVersion;
import io.berth.daemon.http.HttpServer;
import io.berth.daemon.http.ListenAddress;
import io.berth.daemon.http.Listener;
import io.berth.daemon.http.Router;
import io.berth.daemon.http.ServerInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A running daemon: holds the data-root lock and the PID file, runs the application and serves
 * it on every listener. {@link #shutdown()} undoes all of it in reverse order.
 */
public final class Daemon implements AutoCloseable {
  /** How long requests in flight may take to finish once shutdown starts. */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  private final DaemonOptions options;
  private final Deque<Runnable> shutdownTasks = new ArrayDeque<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private HttpServer server;
  private boolean shuttingDown;

  private Daemon(DaemonOptions options) {
    this.options = options;
  }

  /** Locks the data-root, writes the PID file, creates the application and starts listening. */
  public static Daemon start(DaemonOptions options, Application.Factory factory) throws StartupException {
    Daemon daemon = new Daemon(options);
    try {
      daemon.startUp(factory);
      return daemon;
    } catch (StartupException e) {
      daemon.shutdown();
      throw e;
    } catch (RuntimeException e) {
      daemon.shutdown();
      throw new StartupException("failed to start daemon: " + e.getMessage(), e);
    }
  }

  private void startUp(Application.Factory factory) throws StartupException {
    DataRootLock lock = DataRootLock.acquire(options.dataRoot());
    onShutdown(lock::close);
    try {
      Files.createDirectories(options.execRoot());
      Files.setPosixFilePermissions(options.execRoot(), PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new StartupException("failed to start daemon: cannot create exec-root " + options.execRoot() + ": " + e.getMessage(), e);
    }
    PidFile pidFile = PidFile.write(options.pidfile());
    onShutdown(pidFile::close);

    Application application;
    try {
      application = factory.create(options);
    } catch (Exception e) {
      throw new StartupException("failed to start daemon: " + e.getMessage(), e);
    }
    onShutdown(() -> {
      try {
        application.close();
      } catch (Exception e) {
        Log.error(e, "error while stopping the application");
      }
    });

    Router router = new Router(BerthVersion.MIN_API_VERSION, BerthVersion.API_VERSION);
    application.install(router);
    DaemonRoutes.install(router, application);

    HttpServer http = new HttpServer(router, new ServerInfo("Berth", BerthVersion.VERSION, BerthVersion.API_VERSION));
    synchronized (this) {
      server = http;
    }
    for (String host : options.hosts()) {
      ListenAddress address;
      try {
        address = ListenAddress.parse(host);
      } catch (IllegalArgumentException e) {
        throw new StartupException("failed to load listeners: " + e.getMessage(), e);
      }
      try {
        Listener listener = http.listen(address);
        Log.info("API listen on " + switch (listener.address()) {
          case ListenAddress.Unix unix -> unix.path().toString();
          case ListenAddress.Tcp tcp -> tcp.host() + ":" + listener.port();
          case ListenAddress.Fd fd -> fd.toString();
        });
      } catch (IOException e) {
        throw new StartupException("failed to load listeners: " + e.getMessage(), e);
      }
    }
    Log.info("Daemon has completed initialization", "version", BerthVersion.VERSION,
        "api-version", ApiVersion.MAX.toString(), "data-root", options.dataRoot().toString());
  }

  public DaemonOptions options() {
    return options;
  }

  public synchronized List<Listener> listeners() {
    return server == null ? List.of() : server.listeners();
  }

  /** Runs {@code task} at shutdown, before the tasks registered earlier (last in, first out). */
  public synchronized void onShutdown(Runnable task) {
    shutdownTasks.push(task);
  }

  /** Blocks until {@link #shutdown()} has completed. */
  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  /**
   * Stops listening (requests in flight get {@link #SHUTDOWN_GRACE}), closes the application,
   * runs the shutdown tasks, removes the PID file and releases the data-root. Idempotent.
   */
  public void shutdown() {
    HttpServer http;
    List<Runnable> tasks;
    synchronized (this) {
      if (shuttingDown) {
        return;
      }
      shuttingDown = true;
      http = server;
      tasks = new ArrayList<>(shutdownTasks);
      shutdownTasks.clear();
    }
    try {
      if (http != null) {
        http.shutdown(SHUTDOWN_GRACE);
      }
      for (Runnable task : tasks) {
        try {
          task.run();
        } catch (RuntimeException e) {
          Log.error(e, "shutdown task failed");
        }
      }
    } finally {
      stopped.countDown();
    }
  }

  @Override
  public void close() {
    shutdown();
  }
}
