package io.berth.registry.server;

import java.io.PrintStream;
import java.time.Instant;

/** The server's log on stderr, one line per event: {@code time="..." level=info msg="..."} as distribution. */
final class Log {
  enum Level { DEBUG, INFO, ERROR }

  private final PrintStream out;
  private final Level level;

  Log(PrintStream out, Level level) {
    this.out = out;
    this.level = level;
  }

  static Level level(String text) {
    return switch (text) {
      case "debug" -> Level.DEBUG;
      case "info" -> Level.INFO;
      case "error" -> Level.ERROR;
      default -> throw new SettingsException("invalid log level \"" + text + "\": use debug, info or error");
    };
  }

  void debug(String message) {
    write(Level.DEBUG, message);
  }

  void info(String message) {
    write(Level.INFO, message);
  }

  void error(String message, Throwable e) {
    write(Level.ERROR, message + ": " + e);
    if (level == Level.DEBUG) {
      e.printStackTrace(out);
    }
  }

  /** One audit line: who did what, when (the line's time). */
  void audit(String user, String action, String what) {
    synchronized (out) {
      out.println("time=\"" + Instant.now() + "\" level=info msg=\"audit\" user=\""
          + (user == null ? "anonymous" : user.replace("\"", "\\\"")) + "\" action=" + action + " " + what);
    }
  }

  private void write(Level at, String message) {
    if (at.compareTo(level) >= 0) {
      out.println("time=\"" + Instant.now() + "\" level=" + at.name().toLowerCase() + " msg=\""
          + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }
  }
}
