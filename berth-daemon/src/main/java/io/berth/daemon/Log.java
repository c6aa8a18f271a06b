package io.berth.daemon;

import io.berth.common.GoQuote;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The daemon's log: one line per event on stderr in dockerd's (logrus text) format,
 * {@code time="..." level=info msg="..." key=value}. Debug lines appear with --debug or
 * --log-level=debug; stack traces only at debug level.
 */
public final class Log {
  /** Levels in increasing severity, named as logrus names them. */
  public enum Level {
    TRACE("trace"), DEBUG("debug"), INFO("info"), WARN("warning"), ERROR("error"), FATAL("fatal"), PANIC("panic");

    private final String label;

    Level(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** logrus.ParseLevel, with dockerd's error message. */
    public static Level parse(String text) {
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "trace" -> TRACE;
        case "debug" -> DEBUG;
        case "info" -> INFO;
        case "warn", "warning" -> WARN;
        case "error" -> ERROR;
        case "fatal" -> FATAL;
        case "panic" -> PANIC;
        default -> throw new IllegalArgumentException("unable to parse logging level: " + text);
      };
    }
  }

  private static volatile Level threshold = Level.INFO;
  private static volatile PrintStream out = System.err;

  private Log() {}

  public static void setLevel(Level level) {
    threshold = level;
  }

  public static Level level() {
    return threshold;
  }

  /** Redirects the log (tests). */
  public static void setOutput(PrintStream stream) {
    out = stream;
  }

  public static boolean enabled(Level level) {
    return level.compareTo(threshold) >= 0;
  }

  public static boolean debugEnabled() {
    return enabled(Level.DEBUG);
  }

  public static void debug(String msg, Object... fields) {
    log(Level.DEBUG, null, msg, fields);
  }

  public static void info(String msg, Object... fields) {
    log(Level.INFO, null, msg, fields);
  }

  public static void warn(String msg, Object... fields) {
    log(Level.WARN, null, msg, fields);
  }

  public static void error(String msg, Object... fields) {
    log(Level.ERROR, null, msg, fields);
  }

  public static void debug(Throwable cause, String msg, Object... fields) {
    log(Level.DEBUG, cause, msg, fields);
  }

  public static void warn(Throwable cause, String msg, Object... fields) {
    log(Level.WARN, cause, msg, fields);
  }

  public static void error(Throwable cause, String msg, Object... fields) {
    log(Level.ERROR, cause, msg, fields);
  }

  /**
   * Writes one line if the level is enabled. {@code fields} are key/value pairs; a cause adds an
   * {@code error} field, and its stack trace when debug is on.
   */
  public static void log(Level level, Throwable cause, String msg, Object... fields) {
    if (!enabled(level)) {
      return;
    }
    StringBuilder line = new StringBuilder(128);
    line.append("time=\"").append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now()))
        .append("\" level=").append(level.label)
        .append(" msg=").append(GoQuote.quote(msg));
    if (cause != null) {
      String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
      line.append(" error=").append(quoteIfNeeded(message));
    }
    for (int i = 0; i + 1 < fields.length; i += 2) {
      line.append(' ').append(fields[i]).append('=').append(quoteIfNeeded(String.valueOf(fields[i + 1])));
    }
    if (cause != null && debugEnabled()) {
      StringWriter trace = new StringWriter();
      cause.printStackTrace(new PrintWriter(trace));
      line.append('\n').append(trace.toString().stripTrailing());
    }
    PrintStream stream = out;
    synchronized (stream) {
      stream.println(line);
    }
  }

  /** logrus quotes a value unless it is made only of letters, digits and {@code -._/@^+}. */
  static String quoteIfNeeded(String value) {
    if (value.isEmpty()) {
      return "\"\"";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean plain = Character.isLetterOrDigit(c) || "-._/@^+".indexOf(c) >= 0;
      if (!plain) {
        return GoQuote.quote(value); // logrus quotes with %q
      }
    }
    return value;
  }
}
