package io.berth.cli;

/**
 * One CLI command as the dispatcher sees it: flags to parse, then {@link #run}. What names it, its usage line
 * and its description are its row in {@link CommandTable}; commands extend {@link AbstractCommand}.
 * <p>
 * An interface on purpose: the table's factories return this type, and the verifier checks an assignment to
 * an interface without loading the class, so that a command's class is loaded only when it runs.
 */
public interface BerthCommand {
  /** The command's flags; parsed before {@link #run}, positional arguments in {@code flags().args()}. */
  FlagSet flags();

  /** Runs the command and returns the exit status. */
  int run(CliContext ctx) throws Exception;
}
