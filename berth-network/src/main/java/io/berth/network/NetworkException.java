package io.berth.network;

/**
 * The host refused a network operation (rtnetlink, {@code ip} or {@code iptables} failed, the
 * address pool is exhausted). Not a client error: the API layer reports it as a 500.
 */
public final class NetworkException extends RuntimeException {
  public NetworkException(String message) {
    super(message);
  }

  public NetworkException(String message, Throwable cause) {
    super(message, cause);
  }
}
