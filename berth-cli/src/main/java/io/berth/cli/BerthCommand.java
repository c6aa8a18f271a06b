package io.berth.cli;

/**
 * One CLI command. Each instance declares its flags in a {@link FlagSet}; the dispatcher parses
 * the arguments into a fresh instance and calls {@link #run}.
 */
public interface BerthCommand {
  /** The usage line after the program name, e.g. {@code images [OPTIONS] [REPOSITORY[:TAG]]}. */
  String use();

  /** The one-line description shown in help listings. */
  String description();

  /** The text at the head of the command's help: Docker's Long, else its Short. */
  default String longDescription() {
    return description();
  }

  /** Docker's "Aliases:" help line without the program prefix, or null. */
  default String aliases() {
    return null;
  }

  /** The command's flags; parsed before {@link #run}, positional arguments in {@code flags().args()}. */
  FlagSet flags();

  /** Runs the command and returns the exit status. */
  int run(CliContext ctx) throws Exception;
}
