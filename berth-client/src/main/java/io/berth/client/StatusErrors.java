package io.berth.client;

import io.berth.common.BerthException;

/** The error kind behind a status a daemon answered with (the daemon's ErrorMapper the other way round). */
final class StatusErrors {
  private StatusErrors() {}

  /** The kind, or null for a status no kind maps to. */
  static BerthException fromStatus(int status, String message) {
    return switch (status) {
      case 404 -> new BerthException.NotFound(message);
      case 409 -> new BerthException.Conflict(message);
      case 400 -> new BerthException.InvalidParameter(message);
      case 403 -> new BerthException.Forbidden(message);
      case 304 -> new BerthException.NotModified(message);
      case 503 -> new BerthException.Unavailable(message);
      case 501 -> new BerthException.NotImplemented(message);
      case 401 -> new BerthException.Unauthorized(message);
      default -> null;
    };
  }
}
