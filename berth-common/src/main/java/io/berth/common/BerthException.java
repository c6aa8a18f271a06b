package io.berth.common;

/**
 * The error kinds every layer agrees on, without any transport's codes: the engine throws them; the API
 * layer maps each kind to its HTTP status exactly once (the daemon's ErrorMapper; a CRI front end would map
 * them to gRPC codes the same way); the client turns a status back into the same kind (its StatusErrors).
 */
public sealed class BerthException extends RuntimeException
    permits BerthException.NotFound, BerthException.Conflict, BerthException.InvalidParameter,
        BerthException.Forbidden, BerthException.NotModified, BerthException.Unavailable,
        BerthException.NotImplemented, BerthException.Unauthorized {

  BerthException(String message, Throwable cause) {
    super(message, cause);
  }

  public static final class NotFound extends BerthException {
    public NotFound(String message) { super(message, null); }
  }

  public static final class Conflict extends BerthException {
    public Conflict(String message) { super(message, null); }
  }

  public static final class InvalidParameter extends BerthException {
    public InvalidParameter(String message) { super(message, null); }
    public InvalidParameter(String message, Throwable cause) { super(message, cause); }
  }

  public static final class Forbidden extends BerthException {
    public Forbidden(String message) { super(message, null); }
  }

  public static final class NotModified extends BerthException {
    public NotModified(String message) { super(message, null); }
  }

  public static final class Unavailable extends BerthException {
    public Unavailable(String message) { super(message, null); }
  }

  /** What Docker can do and berth does not (moby's errdefs.NotImplemented). */
  public static final class NotImplemented extends BerthException {
    public NotImplemented(String message) { super(message, null); }
  }

  /** Credentials a registry refused (dockerd's errdefs.Unauthorized). */
  public static final class Unauthorized extends BerthException {
    public Unauthorized(String message) { super(message, null); }
  }
}
