package io.berth.engine.container;

import io.berth.common.BerthException;

/**
 * Failures to start, worded and classified as Docker reports them (moby's translateContainerdStartErr):
 * a message that names the command and says it is not found gives exit 127, "permission denied" 126.
 */
final class StartErrors {
  private StartErrors() {}

  static String message(Exception e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    if (e instanceof BerthException || e instanceof io.berth.network.NetworkException
        || e instanceof VolumeMounts.SetupFailed) {
      return m; // the daemon's own words, as dockerd's libnetwork errors reach the client
    }
    if (e instanceof io.berth.runtime.OciRuntimeException r) {
      m = r.runtimeMessage();
    }
    String message = "failed to create task for container: failed to create shim task: OCI runtime create failed: "
        + m + ": unknown";
    if (message.contains("not a directory")) { // a bind of a file onto a directory or back (dockerd's hint)
      message += ": Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host "
          + "path exists and is the expected type";
    }
    return message;
  }

  /** The exit code a start failure of {@code cmd} gives, or {@code otherwise} (128 for a container, 126 for exec). */
  static int exitCode(String cmd, String message, int otherwise) {
    String m = message.toLowerCase(java.util.Locale.ROOT);
    int code = otherwise;
    if (m.contains(String.valueOf(cmd).toLowerCase(java.util.Locale.ROOT))
        && (m.contains("executable file not found") || m.contains("no such file or directory"))) {
      code = 127;
    }
    if (m.contains("permission denied")) {
      code = 126;
    }
    if (m.contains("not a directory")) {
      code = 127; // a file mounted onto a directory, or the reverse
    }
    return code;
  }

  static RuntimeException toApiError(String cmd, String message, Exception cause) {
    if (cause instanceof BerthException be) {
      return be;
    }
    if (exitCode(cmd, message, 128) != 128) {
      return new BerthException.InvalidParameter(message, cause); // the command is the user's mistake
    }
    return new IllegalStateException(message, cause);
  }
}
