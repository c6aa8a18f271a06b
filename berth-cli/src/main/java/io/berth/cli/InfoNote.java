package io.berth.cli;

import java.io.PrintStream;

/**
 * The Docker CLI's tui PrintNote: a blank line, an "Info ->" header and the text's lines aligned under it;
 * on a terminal the header in colour, the lines in italics and flags in bold.
 */
final class InfoNote {
  private static final String RESET = "\u001b[0m";
  private static final String PLAIN_HEADER = " Info -> ";
  private static final String FANCY_HEADER = "\u001b[1m" + "\u001b[106m" + "\u001b[30m" + "i" + RESET + RESET + " "
      + "\u001b[96m" + "Info → " + RESET + RESET;

  private InfoNote() {}

  static void print(PrintStream out, boolean terminal, String text) {
    String body = terminal ? text.replace("--platform", "\u001b[1m--platform" + RESET) : text;
    StringBuilder sb = new StringBuilder("\n").append(terminal ? FANCY_HEADER : PLAIN_HEADER);
    String[] lines = body.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        sb.append(" ".repeat(PLAIN_HEADER.length())); // both headers are 9 columns wide
      }
      sb.append(terminal ? "\u001b[3m" + lines[i] + RESET : lines[i]).append('\n');
    }
    out.print(sb);
  }
}
