package io.berth.client;

/**
 * The daemon's socket could not be reached. The message keeps the Docker CLI's wording, which
 * scripts match on ("Cannot connect to the Docker daemon at ...").
 */
public final class DaemonUnreachableException extends RuntimeException {
  public DaemonUnreachableException(HostAddress host, Throwable cause) {
    super("Cannot connect to the Docker daemon at " + host + ". Is the docker daemon running?", cause);
  }
}
