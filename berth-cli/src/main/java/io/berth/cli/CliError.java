package io.berth.cli;

/**
 * A failure the CLI reports itself: {@link #getMessage()} goes to stderr as is and the process
 * exits with {@link #status()}. With {@code usageOf} set, Docker's usage trailer follows.
 */
public final class CliError extends RuntimeException {
  /**
   * Docker's usage trailer after the message.
   *
   * @param commandPath the command whose usage line to print ("" for the top level)
   * @param helpVerb how the trailer's last line starts: "Run" ('... --help' for more information) for most,
   *     "See" for docker/cli's RequiresMinArgs, and its "SRun" typo for RequiresMaxArgs
   */
  public record UsageTrailer(String commandPath, String helpVerb) {}

  private final int status;
  private final UsageTrailer trailer;

  public CliError(String message, int status) {
    this(message, status, null);
  }

  /** With {@code usageOf} (a command path) set, the usage trailer of that command follows. */
  public CliError(String message, int status, String usageOf) {
    this(message, status, usageOf, "Run");
  }

  public CliError(String message, int status, String usageOf, String helpVerb) {
    super(message);
    this.status = status;
    this.trailer = usageOf == null ? null : new UsageTrailer(usageOf, helpVerb);
  }

  public int status() {
    return status;
  }

  /** The usage trailer to print after the message, or null. */
  public UsageTrailer trailer() {
    return trailer;
  }
}
