package io.berth.common;

/**
 * The error kinds every layer agrees on. The engine throws them; the API layer maps each kind
 * to its HTTP status exactly once; the client turns a status back into the same kind.
 */
public sealed class BerthException extends RuntimeException
    permits BerthException.NotFound, BerthException.Conflict, BerthException.InvalidParameter,
        BerthException.Forbidden, BerthException.NotModified, BerthException.Unavailable,
        BerthException.Unauthorized {

  private final int status;

  BerthException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status code this kind maps to. */
  public int status() {
    return status;
  }

  public static final class NotFound extends BerthException {
    public NotFound(String message) { super(404, message, null); }
  }

  public static final class Conflict extends BerthException {
    public Conflict(String message) { super(409, message, null); }
  }

  public static final class InvalidParameter extends BerthException {
    public InvalidParameter(String message) { super(400, message, null); }
    public InvalidParameter(String message, Throwable cause) { super(400, message, cause); }
  }

  public static final class Forbidden extends BerthException {
    public Forbidden(String message) { super(403, message, null); }
  }

  public static final class NotModified extends BerthException {
    public NotModified(String message) { super(304, message, null); }
  }

  public static final class Unavailable extends BerthException {
    public Unavailable(String message) { super(503, message, null); }
  }

  /** Credentials a registry refused (dockerd's errdefs.Unauthorized). */
  public static final class Unauthorized extends BerthException {
    public Unauthorized(String message) { super(401, message, null); }
  }

  /** Rebuilds the kind a daemon reported, for clients. Other statuses become {@code null}. */
  public static BerthException fromStatus(int status, String message) {
    return switch (status) {
      case 404 -> new NotFound(message);
      case 409 -> new Conflict(message);
      case 400 -> new InvalidParameter(message);
      case 403 -> new Forbidden(message);
      case 304 -> new NotModified(message);
      case 503 -> new Unavailable(message);
      case 401 -> new Unauthorized(message);
      default -> null;
    };
  }
}
