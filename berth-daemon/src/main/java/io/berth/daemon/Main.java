package io.berth.daemon;

import java.io.PrintStream;
import java.nio.file.Path;

/** {@code berthd}: parses dockerd's flags and daemon.json, starts the {@link Daemon}, stops it on SIGTERM/SIGINT. */
public final class Main {
  /** What the daemon serves besides /_ping and /version: the engine plugs in here. */
  static final Application.Factory APPLICATION = io.berth.daemon.api.EngineApplication.FACTORY;

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, APPLICATION, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the daemon until it is signalled; returns the exit status. Errors before the daemon
   * runs are printed the way dockerd prints them.
   */
  static int run(String[] args, Application.Factory factory, PrintStream out, PrintStream err) {
    Daemon daemon;
    switch (start(args, factory, out, err)) {
      case Outcome.Exit exit -> {
        return exit.code();
      }
      case Outcome.Running running -> daemon = running.daemon();
    }
    // SIGTERM and SIGINT end the wait below, so that berthd, as dockerd, exits 0 after a clean shutdown (a
    // JVM killed by a signal exits 128+N); the shutdown hook covers a System.exit from elsewhere.
    Thread shutdown = Thread.ofPlatform().name("berth-shutdown").unstarted(() -> {
      Log.info("Processing signal: shutting down");
      daemon.shutdown();
      Log.info("Daemon shutdown complete");
    });
    Runtime.getRuntime().addShutdownHook(shutdown);
    for (String signal : new String[] {"TERM", "INT"}) {
      sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> Thread.ofPlatform().start(() -> {
        Log.info("Processing signal: shutting down");
        daemon.shutdown();
      }));
    }
    try {
      daemon.awaitShutdown(); // until a shutdown has finished
    } catch (InterruptedException e) {
      daemon.shutdown();
    }
    Log.info("Daemon shutdown complete");
    Runtime.getRuntime().removeShutdownHook(shutdown);
    return 0;
  }

  /** A configuration error in dockerd's words, which depend on whether a configuration file was read. */
  static String describe(ConfigException e, Path configFile, boolean fileRead) {
    String prefix = "unable to configure the berth daemon with file " + configFile + ": ";
    return switch (e.kind()) {
      case FILE -> prefix + e.getMessage();
      case VALIDATION -> fileRead
          ? prefix + "merged configuration validation from file and command line flags failed: " + e.getMessage()
          : e.getMessage();
      case PLAIN -> e.getMessage();
    };
  }

  /** How start-up ended: a running daemon, or an exit status (help, version, errors). */
  sealed interface Outcome {
    record Running(Daemon daemon) implements Outcome {}

    record Exit(int code) implements Outcome {}
  }

  /** Everything up to a running daemon. */
  static Outcome start(String[] args, Application.Factory factory, PrintStream out, PrintStream err) {
    DaemonFlags flags;
    try {
      flags = DaemonFlags.parse(args);
    } catch (DaemonFlags.FlagException e) {
      err.println(e.getMessage());
      err.println("See 'berthd --help'.");
      return new Outcome.Exit(1);
    }
    if (flags.bool("help")) {
      out.print(DaemonFlags.usage());
      return new Outcome.Exit(0);
    }
    if (flags.bool("version")) {
      out.println("Berth version " + BerthVersion.VERSION + ", build " + BerthVersion.GIT_COMMIT);
      return new Outcome.Exit(0);
    }
    for (String warning : flags.warnings()) {
      err.println(warning);
    }
    DaemonOptions options;
    Path configFile = Path.of(flags.string("config-file"));
    DaemonConfigFile file = null;
    try {
      file = DaemonConfigFile.load(configFile, flags.isSet("config-file"));
      options = DaemonOptions.resolve(flags, file);
    } catch (ConfigException e) {
      err.println(describe(e, configFile, file != null && file.exists()));
      return new Outcome.Exit(1);
    }
    if (flags.bool("validate")) {
      try {
        Daemon.loadTls(options.tls());
      } catch (StartupException e) {
        err.println(e.getMessage());
        return new Outcome.Exit(1);
      }
      err.println("configuration OK");
      return new Outcome.Exit(0);
    }
    Log.setLevel(options.logLevel());
    Log.info("Starting up", "version", BerthVersion.VERSION);
    try {
      return new Outcome.Running(Daemon.start(options, factory));
    } catch (StartupException e) {
      Log.debug(e, "start-up failed");
      err.println(e.getMessage());
      return new Outcome.Exit(1);
    }
  }
}
