package io.berth.daemon.http;

import io.berth.common.GoStatusText;

/** Reason phrases for the status line, as Go's net/http writes them. */
final class StatusText {
  private StatusText() {}

  static String of(int status) {
    String text = GoStatusText.of(status);
    return text.isEmpty() ? "Status " + status : text;
  }

  /** 1xx, 204 and 304 answers never carry a body (RFC 9110 6.4.1). */
  static boolean allowsBody(int status) {
    return status >= 200 && status != 204 && status != 304;
  }
}
