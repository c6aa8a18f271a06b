package io.berth.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Help pages laid out like cobra's (the Docker CLI's), from the command table and the commands' flags. */
final class Help {
  private Help() {}

  static void printRoot(PrintStream out) {
    out.println("Usage:  " + Cli.NAME + " [OPTIONS] COMMAND");
    out.println();
    out.println("A self-sufficient runtime for containers");
    out.println();
    out.println("Commands:");
    list(out, CommandTable.listing(""));
    out.println();
    out.println("Management Commands:");
    list(out, CommandTable.GROUPS);
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
    out.println(CommandTable.group(group).description());
    out.println();
    out.println("Commands:");
    list(out, CommandTable.listing(group));
    out.println();
    out.println("Run '" + Cli.NAME + " " + group + " COMMAND --help' for more information on a command.");
  }

  private static void list(PrintStream out, List<CommandTable.Entry> entries) {
    for (CommandTable.Entry e : entries) {
      out.println("  " + pad(e.name(), 11) + " " + e.description());
    }
  }

  static void printCommand(PrintStream out, CommandTable.Row row, BerthCommand command) {
    out.println("Usage:  " + Cli.NAME + " " + row.use());
    out.println();
    out.println(CommandTable.longDescription(row));
    if (row.aliases() != null) {
      out.println();
      out.println("Aliases:");
      StringBuilder line = new StringBuilder("  ");
      for (String alias : row.paths()) {
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
        out.println(pad(f[0], width) + "   " + f[1].replace("\n", "\n" + " ".repeat(width + 3))); // a usage's own lines
      }
    }
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
