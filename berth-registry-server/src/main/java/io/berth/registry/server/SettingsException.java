package io.berth.registry.server;

/** A flag or configuration setting the server refuses; the launcher prints it and exits 1. */
final class SettingsException extends RuntimeException {
  SettingsException(String message) {
    super(message);
  }
}
