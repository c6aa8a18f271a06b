package io.berth.daemon;

import io.berth.daemon.http.ApiVersion;
import io.berth.daemon.http.HttpServer;
import io.berth.daemon.http.ListenAddress;
import io.berth.daemon.http.Listener;
import io.berth.daemon.http.Router;
import io.berth.daemon.http.ServerInfo;
import io.berth.daemon.http.ServerTls;
import io.berth.common.tls.TlsException;
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
    ServerTls tls = loadTls(options.tls());
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

    StartupChecks.check(options);
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
      if (address instanceof ListenAddress.Tcp tcp && (tls == null || !tls.requireClientCert())) {
        warnUnauthenticated(host, tcp);
      }
      try {
        Listener listener = http.listen(address, tls, options.socketGroup());
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

  /** dockerd's newAPIServerTLSConfig: the server's TLS when TLS is on, or null. */
  static ServerTls loadTls(DaemonTls settings) throws StartupException {
    if (settings == null || !settings.enabled()) {
      return null;
    }
    try {
      return ServerTls.load(settings.caFile(), settings.certFile(), settings.keyFile(), settings.verifyClients());
    } catch (TlsException e) {
      throw new StartupException("invalid TLS configuration: " + e.getMessage(), e);
    }
  }

  /**
   * dockerd's loadListeners for TCP without client verification: the warnings, a second's pause,
   * and unless TLS was turned off (or on) explicitly, 15 more seconds for a non-loopback address.
   */
  private void warnUnauthenticated(String host, ListenAddress.Tcp tcp) {
    Log.warn("Binding to IP address without --tlsverify is insecure and gives root access on this machine to everyone"
        + " who has access to your network.", "host", host);
    Log.warn("Binding to an IP address, even on localhost, can also give access to scripts run in a browser. Be safe out there!",
        "host", host);
    Log.warn("[DEPRECATION NOTICE] In future versions this will be a hard failure preventing the daemon from starting!"
        + " Learn more at: https://docs.docker.com/go/api-security/", "host", host);
    pause(Duration.ofSeconds(1));
    if (options.tls() != null && options.tls().explicit() || tcp.host().equals("localhost") || loopback(tcp.host())) {
      return;
    }
    Log.warn("Binding to an IP address without --tlsverify is deprecated. Startup is intentionally being slowed down"
        + " to show this message", "host", host);
    Log.warn("Please consider generating tls certificates with client validation to prevent exposing unauthenticated root"
        + " access to your network", "host", host);
    Log.warn("You can override this by explicitly specifying '--tls=false' or '--tlsverify=false'", "host", host);
    Log.warn("Support for listening on TCP without authentication or explicit intent to run without authentication will be"
        + " removed in the next release", "host", host);
    pause(Duration.ofSeconds(15));
  }

  private static boolean loopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      Log.error(e, "Error looking up specified host address");
      return false;
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
