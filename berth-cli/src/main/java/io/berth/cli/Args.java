package io.berth.cli;

import java.util.List;

/** Docker's positional-argument rules (cli.ExactArgs, RequiresMinArgs, ...) with its wording. */
final class Args {
  private Args() {}

  static void exactly(List<String> args, int n, String path) {
    if (args.size() != n) {
      throw usage("'" + Cli.NAME + " " + path + "' requires " + n + " " + plural(n), path, "Run");
    }
  }

  static void atLeast(List<String> args, int n, String path) {
    if (args.size() < n) {
      throw usage("'" + Cli.NAME + " " + path + "' requires at least " + n + " " + plural(n), path, "See");
    }
  }

  static void atMost(List<String> args, int n, String path) {
    if (args.size() > n) {
      throw usage("'" + Cli.NAME + " " + path + "' requires at most " + n + " " + plural(n), path, "SRun");
    }
  }

  static void none(List<String> args, String path) {
    if (!args.isEmpty()) {
      throw usage("'" + Cli.NAME + " " + path + "' accepts no arguments", path, "Run");
    }
  }

  /** RequiresRangeArgs: the plural follows the maximum. */
  static void between(List<String> args, int min, int max, String path) {
    if (args.size() < min || args.size() > max) {
      throw usage("'" + Cli.NAME + " " + path + "' requires at least " + min + " and at most " + max + " "
          + plural(max), path, "Run");
    }
  }

  private static String plural(int n) {
    return n == 1 ? "argument" : "arguments";
  }

  private static CliError usage(String message, String path, String helpVerb) {
    return new CliError(Cli.NAME + ": " + message, 1, path, helpVerb);
  }
}
