package io.berth.registry;

import java.io.IOException;
import java.util.List;

/**
 * A registry's refusal, worded as distribution's Go client words it: error codes from the body
 * ({@code manifest unknown: manifest unknown}), or an unexpected status or body.
 */
public final class RegistryException extends IOException {
  /** One entry of a registry's {@code errors} list. */
  public record ErrorCode(String code, String message) {
    /** errcode.Error's text: the code in lower case with spaces, then the message. */
    public String text() {
      return code.toLowerCase().replace('_', ' ') + ": " + message;
    }
  }

  private final int status;
  private final List<ErrorCode> errors;
  private final String bare;

  public RegistryException(int status, List<ErrorCode> errors) {
    super(text(errors));
    this.status = status;
    this.errors = List.copyOf(errors);
    this.bare = null;
  }

  /** An answer that carries no error codes (distribution's UnexpectedHTTP*Error). */
  public RegistryException(int status, String message) {
    this(status, message, null);
  }

  private RegistryException(int status, String message, String bare) {
    super(message);
    this.status = status;
    this.errors = List.of();
    this.bare = bare;
  }

  /**
   * distribution's ErrNoBasicAuthCredentials, raised by its transport before a request is sent:
   * Go's client wraps it in the request ({@code Head "URL": no basic auth credentials}).
   */
  static RegistryException noBasicCredentials(String method, java.net.URI uri) {
    String bare = "no basic auth credentials";
    return new RegistryException(401, method + " \"" + uri + "\": " + bare, bare);
  }

  private static String text(List<ErrorCode> errors) {
    if (errors.size() == 1) {
      return errors.getFirst().text();
    }
    StringBuilder b = new StringBuilder("errors:\n");
    errors.forEach(e -> b.append(e.text()).append('\n'));
    return b.toString();
  }

  public int status() {
    return status;
  }

  public List<ErrorCode> errors() {
    return errors;
  }

  /** The first error code ({@code MANIFEST_UNKNOWN}, {@code DENIED}, ...), or empty. */
  public String code() {
    return errors.isEmpty() ? "" : errors.getFirst().code();
  }

  /** The first error alone and unwrapped from its request, as dockerd reports a push's. */
  public String firstText() {
    return bare != null ? bare : errors.isEmpty() ? getMessage() : errors.getFirst().text();
  }
}
