package io.berth.daemon;

/** The daemon's configuration (flags plus daemon.json) is unusable; the daemon does not start. */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
