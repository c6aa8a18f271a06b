package io.berth.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Help pages laid out like cobra's (the Docker CLI's), from the commands' picocli models. */
final class Help {
  private Help() {}

  static void printRoot(PrintStream out) {
    out.println("Usage:  " + Cli.NAME + " [OPTIONS] COMMAND");
    out.println();
    out.println("A self-sufficient runtime for containers");
    out.println();
    out.println("Commands:");
    for (Commands.Entry e : Commands.TOP) {
      out.println("  " + pad(e.name(), 11) + " " + e.description());
    }
    out.println();
    out.println("Management Commands:");
    for (Commands.Entry e : Commands.GROUPS) {
      out.println("  " + pad(e.name(), 11) + " " + e.description());
    }
    out.println();
    out.println("Global Options:");
    out.println("      --config string      Location of client config files");
    out.println("  -c, --context string     Name of the context to use to connect to the daemon");
    out.println("  -D, --debug              Enable debug mode");
    out.println("  -H, --host string        Daemon socket to connect to");
    out.println("  -l, --log-level string   Set the logging level (\"debug\", \"info\", \"warn\", \"error\", \"fatal\") (default \"info\")");
    out.println("  -v, --version            Print version information and quit");
    out.println();
    out.println("Run '" + Cli.NAME + " COMMAND --help' for more information on a command.");
  }

  static void printGroup(PrintStream out, String group) {
    out.println("Usage:  " + Cli.NAME + " " + group + " COMMAND");
    out.println();
    out.println(Commands.GROUPS.stream().filter(e -> e.name().equals(group)).findFirst().orElseThrow().description());
    out.println();
    out.println("Commands:");
    for (Commands.Entry e : Commands.groupEntries(group)) {
      out.println("  " + pad(e.name(), 11) + " " + e.description());
    }
    out.println();
    out.println("Run '" + Cli.NAME + " " + group + " COMMAND --help' for more information on a command.");
  }

  static void printCommand(PrintStream out, BerthCommand command) {
    out.println("Usage:  " + Cli.NAME + " " + command.use());
    out.println();
    out.println(command.longDescription());
    if (command.aliases() != null) {
      out.println();
      out.println("Aliases:");
      StringBuilder line = new StringBuilder("  ");
      for (String alias : command.aliases().split(", ")) {
        if (line.length() > 2) {
          line.append(", ");
        }
        line.append(Cli.NAME).append(' ').append(alias);
      }
      out.println(line);
    }
    List<String[]> flags = new ArrayList<>();
    List<Flag> sorted = new ArrayList<>(command.flags().flags());
    sorted.sort(Comparator.comparing(f -> f.name));
    for (Flag f : sorted) {
      if (f.hidden) {
        continue;
      }
      StringBuilder left = new StringBuilder(f.shorthand != null ? "  -" + f.shorthand + ", " : "      ");
      left.append("--").append(f.name);
      if (f.typeLabel != null) {
        left.append(' ').append(f.typeLabel);
      }
      String text = f.usage;
      if (f.defaultText != null) {
        text += f.kind == Flag.Kind.BOOL ? " (default " + f.defaultText + ")" : " (default \"" + f.defaultText + "\")";
      }
      flags.add(new String[] {left.toString(), text});
    }
    if (!flags.isEmpty()) {
      out.println();
      out.println("Options:");
      int width = flags.stream().mapToInt(f -> f[0].length()).max().orElse(0);
      for (String[] f : flags) {
        out.println(pad(f[0], width) + "   " + f[1]);
      }
    }
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
