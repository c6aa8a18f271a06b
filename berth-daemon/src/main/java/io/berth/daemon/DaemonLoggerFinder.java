package io.berth.daemon;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * Routes the JDK's System.Logger, which the engine, runtime and network modules log through (they know
 * nothing of the daemon), into berthd's one log: same format, same level, so {@code --debug} reaches them.
 * Registered as a service in META-INF/services.
 */
public final class DaemonLoggerFinder extends System.LoggerFinder {
  @Override
  public System.Logger getLogger(String name, Module module) {
    return new Logger(name);
  }

  private record Logger(String name) implements System.Logger {
    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isLoggable(Level level) {
      // the JDK's own loggers (ProcessBuilder logs every start at debug, with a stack) only when they warn
      boolean ours = name.startsWith("io.berth.");
      boolean wanted = ours || level.getSeverity() >= Level.WARNING.getSeverity();
      return wanted && level != Level.OFF && Log.enabled(map(level));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      if (isLoggable(level)) {
        Log.log(map(level), thrown, msg, "module", shortName());
      }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      if (isLoggable(level)) {
        String msg = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
        Log.log(map(level), null, msg, "module", shortName());
      }
    }

    /** io.berth.engine.container.Lifecycle -> container.Lifecycle: enough to place a line. */
    private String shortName() {
      String[] parts = name.split("\\.");
      return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : name;
    }

    private static Log.Level map(Level level) {
      return switch (level) {
        case ALL, TRACE -> Log.Level.TRACE;
        case DEBUG -> Log.Level.DEBUG;
        case INFO -> Log.Level.INFO;
        case WARNING -> Log.Level.WARN;
        case ERROR, OFF -> Log.Level.ERROR;
      };
    }
  }
}
