package io.berth.engine.container;

import io.berth.common.BerthException;

/**
 * Failures to start, worded and classified as Docker reports them: the CLI turns "executable
 * file not found" / "no such file or directory" into exit 127 and "permission denied" into 126.
 */
final class StartErrors {
  private StartErrors() {}

  static String message(Exception e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    if (e instanceof BerthException) {
      return m;
    }
    if (e instanceof io.berth.runtime.OciRuntimeException r) {
      m = r.runtimeMessage();
    }
    return "failed to create task for container: failed to create shim task: OCI runtime create failed: " + m
        + ": unknown";
  }

  static int exitCode(String message) {
    if (message.contains("executable file not found") || message.contains("no such file or directory")) {
      return 127;
    }
    if (message.contains("permission denied")) {
      return 126;
    }
    return 128;
  }

  static RuntimeException toApiError(String message, Exception cause) {
    if (cause instanceof BerthException be) {
      return be;
    }
    if (exitCode(message) != 128) {
      return new BerthException.InvalidParameter(message, cause); // the command is the user's mistake
    }
    return new IllegalStateException(message, cause);
  }
}
