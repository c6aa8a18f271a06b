package io.berth.cli;

/**
 * A failure the CLI reports itself: {@link #getMessage()} goes to stderr as is and the process
 * exits with {@link #status()}. With {@code usageOf} set, Docker's usage trailer follows.
 */
public final class CliError extends RuntimeException {
  private final int status;
  private final String usageOf;
  private final String helpVerb;

  public CliError(String message, int status) {
    this(message, status, null);
  }

  public CliError(String message, int status, String usageOf) {
    this(message, status, usageOf, "Run");
  }

  /**
   * @param helpVerb how the trailer starts: "Run" ('... --help' for more information) for most,
   *     "See" for docker/cli's RequiresMinArgs, and its "SRun" typo for RequiresMaxArgs
   */
  public CliError(String message, int status, String usageOf, String helpVerb) {
    super(message);
    this.status = status;
    this.usageOf = usageOf;
    this.helpVerb = helpVerb;
  }

  public String helpVerb() {
    return helpVerb;
  }

  public int status() {
    return status;
  }

  /** The command path whose usage line to print after the message, or null. */
  public String usageOf() {
    return usageOf;
  }
}
