package io.berth.common.tls;

/** TLS material (certificates, keys, CA files) that cannot be used; the message is Go's wording. */
public final class TlsException extends Exception {
  public TlsException(String message) {
    super(message);
  }

  public TlsException(String message, Throwable cause) {
    super(message, cause);
  }
}
