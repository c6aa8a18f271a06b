package io.berth.cli;

import io.berth.client.DaemonException;
import io.berth.client.DaemonUnreachableException;
import io.berth.common.BerthException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The dispatcher: parses Docker's global flags (only before the command name, as Docker does),
 * finds the command, parses its flags and runs it, turning every failure into Docker's message
 * and exit status.
 */
public final class Cli {
  /** The program name printed in usage and help text. */
  public static final String NAME = "berth";
  public static final String VERSION = "0.1.0";

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  public Cli(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.env = env;
  }

  /** Runs one invocation and returns the exit status. */
  public int run(String[] argv) {
    try {
      return dispatch(argv);
    } catch (CliError e) {
      out.flush();
      if (!e.getMessage().isEmpty()) {
        err.println(e.getMessage());
      }
      CliError.UsageTrailer trailer = e.trailer();
      if (trailer != null) {
        err.println();
        err.println("Usage:  " + NAME + " " + usageLine(trailer.commandPath()));
        err.println();
        String path = trailer.commandPath().isEmpty() ? "" : " " + trailer.commandPath();
        err.println(trailer.helpVerb() + " '" + NAME + path + " --help' for more information");
      }
      return e.status();
    } catch (BerthException | DaemonException e) {
      out.flush();
      err.println("Error response from daemon: " + e.getMessage());
      return 1;
    } catch (DaemonUnreachableException e) {
      err.println(e.getMessage());
      return 1;
    } catch (UncheckedIOException e) {
      err.println(e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println(e.getMessage());
      return 1;
    } catch (Exception e) {
      err.println(e);
      return 1;
    }
  }

  private int dispatch(String[] argv) throws Exception {
    GlobalFlags globals = GlobalFlags.parse(argv);
    if (globals.version()) {
      out.println("Berth version " + VERSION + ", build " + BuildInfo.commit());
      return 0;
    }
    List<String> rest = Arrays.asList(argv).subList(globals.consumed(), argv.length);
    if (rest.isEmpty()) {
      Help.printRoot(out);
      return 0;
    }
    String name = rest.getFirst();
    if (name.equals("help")) {
      if (rest.size() == 1) {
        Help.printRoot(out);
        return 0;
      }
      return dispatch(concat(rest.subList(1, rest.size()), "--help"));
    }
    String path = name;
    List<String> args = rest.subList(1, rest.size());
    if (name.equals("registry")) {
      return RegistryLauncher.run(args);
    }
    if (CommandTable.group(name) != null) {
      String sub = args.isEmpty() ? null : args.getFirst();
      if (sub == null) {
        // cobra prints a management command's help on stderr when it is called bare.
        Help.printGroup(err, name);
        return 0;
      }
      if (sub.equals("--help") || sub.equals("-h") || sub.equals("help")) {
        Help.printGroup(out, name);
        return 0;
      }
      if (sub.startsWith("-")) {
        throw new CliError(flagError(sub), 125, name);
      }
      path = name + " " + sub;
      args = args.subList(1, args.size());
      if (CommandTable.find(path) == null) {
        throw new CliError(NAME + ": unknown command: " + NAME + " " + path, 1, name);
      }
    }
    CommandTable.Row row = CommandTable.find(path);
    if (row == null) {
      err.println(NAME + ": unknown command: " + NAME + " " + name);
      err.println();
      err.println("Run '" + NAME + " --help' for more information");
      return 1;
    }
    if (globals.help()) {
      args = List.of("--help");
    }
    BerthCommand command = row.create();
    try {
      command.flags().parse(args);
    } catch (IllegalArgumentException e) {
      throw new CliError(e.getMessage(), 125, path);
    }
    if (command.flags().helpRequested()) {
      Help.printCommand(out, row, command);
      return 0;
    }
    return command.run(new CliContext(in, out, err, env, globals.options()));
  }

  private static String[] concat(List<String> args, String last) {
    String[] all = args.toArray(new String[args.size() + 1]);
    all[args.size()] = last;
    return all;
  }

  static String flagError(String arg) {
    if (arg.startsWith("--")) {
      int eq = arg.indexOf('=');
      return "unknown flag: " + (eq < 0 ? arg : arg.substring(0, eq));
    }
    return "unknown shorthand flag: '" + arg.charAt(1) + "' in " + arg;
  }

  private static String usageLine(String path) {
    if (path.isEmpty()) {
      return "[OPTIONS] COMMAND [ARG...]";
    }
    if (CommandTable.group(path) != null) {
      return path;
    }
    CommandTable.Row row = CommandTable.find(path);
    return row == null ? path : row.use();
  }
}
