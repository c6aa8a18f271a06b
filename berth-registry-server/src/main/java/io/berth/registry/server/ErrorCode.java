package io.berth.registry.server;

/**
 * The distribution specification's error codes with the status and message distribution answers them with
 * (registry/api/v2/errors.go and registry/api/errcode/register.go).
 */
public enum ErrorCode {
  BLOB_UNKNOWN(404, "blob unknown to registry"),
  BLOB_UPLOAD_INVALID(400, "blob upload invalid"),
  BLOB_UPLOAD_UNKNOWN(404, "blob upload unknown to registry"),
  DIGEST_INVALID(400, "provided digest did not match uploaded content"),
  MANIFEST_BLOB_UNKNOWN(400, "blob unknown to registry"),
  MANIFEST_INVALID(400, "manifest invalid"),
  MANIFEST_UNKNOWN(404, "manifest unknown"),
  NAME_INVALID(400, "invalid repository name"),
  NAME_UNKNOWN(404, "repository name not known to registry"),
  SIZE_INVALID(400, "provided length did not match content length"),
  TAG_INVALID(400, "manifest tag did not match URI"),
  PAGINATION_NUMBER_INVALID(400, "invalid number of results requested"),
  RANGE_INVALID(416, "invalid content range"),
  UNSUPPORTED(405, "The operation is unsupported."),
  UNAUTHORIZED(401, "authentication required"),
  DENIED(403, "requested access to the resource is denied"),
  TOOMANYREQUESTS(429, "too many requests"),
  /** A failure of the registry itself, never of the request. */
  UNKNOWN(500, "unknown error");

  private final int status;
  private final String message;

  ErrorCode(int status, String message) {
    this.status = status;
    this.message = message;
  }

  public RegistryError error() {
    return error(status, null);
  }

  public RegistryError error(Object detail) {
    return error(status, detail);
  }

  /** The same code with another status (a manifest over the size limit is MANIFEST_INVALID with 413). */
  public RegistryError error(int status, Object detail) {
    return new RegistryError(this, status, message, detail);
  }
}
