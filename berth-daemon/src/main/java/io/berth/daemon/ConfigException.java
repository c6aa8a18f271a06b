package io.berth.daemon;

/** The daemon's configuration (flags plus daemon.json) is unusable; the daemon does not start. */
public final class ConfigException extends Exception {
  /** How dockerd words the failure (cmd/dockerd loadDaemonCliConfig). */
  public enum Kind {
    /** Reading the file or merging it with the flags: "unable to configure the ... daemon with file F: ". */
    FILE,
    /**
     * config.Validate of the merged values: when a file was read, prefixed as FILE plus "merged
     * configuration validation from file and command line flags failed: "; bare otherwise.
     */
    VALIDATION,
    /** Printed as it is. */
    PLAIN
  }

  private final Kind kind;

  public ConfigException(String message) {
    this(message, Kind.FILE);
  }

  public ConfigException(String message, Kind kind) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
