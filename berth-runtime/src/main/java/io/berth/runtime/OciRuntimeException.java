package io.berth.runtime;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A runtime (or conmon) command that failed: the command, its exit code and the runtime's own
 * error text, cleaned of runc's logrus decoration ({@code time=".." level=error msg=".."}).
 */
public final class OciRuntimeException extends IOException {
  private static final Pattern LOGRUS_MSG = Pattern.compile("msg=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final List<String> command;
  private final int exitCode;
  private final String runtimeMessage;

  public OciRuntimeException(List<String> command, int exitCode, String runtimeMessage) {
    super(String.join(" ", command.subList(0, Math.min(command.size(), 4))) + (command.size() > 4 ? " ..." : "")
        + " failed (exit " + exitCode + "): " + runtimeMessage);
    this.command = List.copyOf(command);
    this.exitCode = exitCode;
    this.runtimeMessage = runtimeMessage;
  }

  public List<String> command() {
    return command;
  }

  public int exitCode() {
    return exitCode;
  }

  /** The runtime's error text, e.g. {@code container does not exist}. */
  public String runtimeMessage() {
    return runtimeMessage;
  }

  /**
   * For state, start, kill, pause, resume, update and delete: true when the runtime says it has no
   * container by that id (runc: "container does not exist"; crun: a missing state file or directory).
   */
  public boolean containerMissing() {
    String m = runtimeMessage.toLowerCase();
    return m.contains("does not exist") || m.contains("no such file or directory");
  }

  /** The readable part of a runtime's stderr: logrus msg="..." fields unquoted, blank lines dropped. */
  static String cleanMessage(String stderr) {
    StringBuilder out = new StringBuilder();
    for (String line : stderr.split("\n")) {
      String text = line.strip();
      Matcher m = LOGRUS_MSG.matcher(text);
      if (m.find()) {
        text = m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
      }
      if (!text.isEmpty()) {
        if (!out.isEmpty()) {
          out.append("; ");
        }
        out.append(text);
      }
    }
    return out.toString();
  }
}
