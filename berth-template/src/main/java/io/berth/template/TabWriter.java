package io.berth.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's text/tabwriter (elastic tabstops), as Docker's formatter uses it: cells are terminated by '\t' (or the soft
 * '\v'), lines by '\n' (or '\f', which also ends every column). Tab-terminated cells in consecutive lines form a
 * column whose width is the widest cell plus padding, at least minWidth; text after a line's last tab belongs to no
 * column and is not padded. Widths count terminal cells, as docker/cli's fork does with go-runewidth (East Asian
 * wide characters take two). Docker's tables use {@code new TabWriter(10, 1, 3, ' ', 0)}.
 *
 * <p>Go's Escape byte (0xff) cannot occur in a Java string, so escaped segments and {@link #STRIP_ESCAPE} have no
 * effect here.
 */
public final class TabWriter {
  /** Ignore html tags and treat entities (starting with '&' and ending in ';') as single characters. */
  public static final int FILTER_HTML = 1;
  /** Strip Escape characters bracketing escaped text segments (no effect: see class comment). */
  public static final int STRIP_ESCAPE = 1 << 1;
  /** Force right-alignment of cell content. */
  public static final int ALIGN_RIGHT = 1 << 2;
  /** Handle empty columns as if they were not present in the input in the first place. */
  public static final int DISCARD_EMPTY_COLUMNS = 1 << 3;
  /** Always use tabs for indentation columns (leading empty cells) independent of padChar. */
  public static final int TAB_INDENT = 1 << 4;
  /** Print a vertical bar ('|') between columns (after formatting). */
  public static final int DEBUG = 1 << 5;

  /** A segment of text terminated by a tab or line break: its length in chars and its width in cells. */
  private record Cell(int size, int width, boolean htab) {}

  private final int minWidth;
  private final int tabWidth;
  private final int padding;
  private final char padChar;
  private final int flags;

  private final StringBuilder text = new StringBuilder(); // collected text excluding tabs and line breaks
  private final StringBuilder output = new StringBuilder();
  private int pos; // text position up to which the current cell's width has been computed
  private int cellSize;
  private int cellWidth;
  private char endChar; // terminating char of an html tag/entity being read, or 0
  private final List<List<Cell>> lines = new ArrayList<>();
  private final List<Integer> widths = new ArrayList<>();

  public TabWriter(int minWidth, int tabWidth, int padding, char padChar, int flags) {
    if (minWidth < 0 || tabWidth < 0 || padding < 0) {
      throw new IllegalArgumentException("negative minwidth, tabwidth, or padding");
    }
    this.minWidth = minWidth;
    this.tabWidth = tabWidth;
    this.padding = padding;
    this.padChar = padChar;
    this.flags = padChar == '\t' ? flags & ~ALIGN_RIGHT : flags; // tab padding enforces left-alignment
    reset();
  }

  /** Docker's table writer: {@code tabwriter.NewWriter(output, 10, 1, 3, ' ', 0)}. */
  public static TabWriter forDockerTable() {
    return new TabWriter(10, 1, 3, ' ', 0);
  }

  private void reset() {
    text.setLength(0);
    pos = 0;
    cellSize = 0;
    cellWidth = 0;
    endChar = 0;
    lines.clear();
    widths.clear();
    lines.add(new ArrayList<>());
  }

  /** Buffers text; complete lines that cannot affect later alignment are formatted right away. */
  public void write(String buf) {
    int n = 0;
    for (int i = 0; i < buf.length(); i++) {
      char ch = buf.charAt(i);
      if (endChar == 0) {
        switch (ch) {
          case '\t', '\u000b', '\n', '\f' -> {
            append(buf, n, i);
            updateWidth();
            n = i + 1;
            int ncells = terminateCell(ch == '\t');
            if (ch == '\n' || ch == '\f') {
              lines.add(new ArrayList<>());
              if (ch == '\f' || ncells == 1) {
                // A line with one cell does not affect the formatting of the lines after it.
                flushInternal();
                if (ch == '\f' && (flags & DEBUG) != 0) output.append("---\n");
              }
            }
          }
          case '<', '&' -> {
            if ((flags & FILTER_HTML) != 0) {
              append(buf, n, i);
              updateWidth();
              n = i;
              endChar = ch == '<' ? '>' : ';';
            }
          }
          default -> { }
        }
      } else if (ch == endChar) {
        append(buf, n, i + 1);
        n = i + 1;
        endEscape();
      }
    }
    append(buf, n, buf.length());
  }

  /** Formats everything buffered and returns all output produced since the last flush. */
  public String flush() {
    flushInternal();
    String result = output.toString();
    output.setLength(0);
    return result;
  }

  private void flushInternal() {
    if (cellSize > 0) {
      if (endChar != 0) endEscape(); // inside a tag or entity: terminate it even if incomplete
      terminateCell(false);
    }
    format(0, 0, lines.size());
    reset();
  }

  private void append(String s, int from, int to) {
    if (to > from) {
      text.append(s, from, to);
      cellSize += to - from;
    }
  }

  private void updateWidth() {
    cellWidth += RuneWidth.width(text, pos, text.length());
    pos = text.length();
  }

  private void endEscape() {
    if (endChar == ';') cellWidth++; // an entity counts as one character; a tag as none
    pos = text.length();
    endChar = 0;
  }

  private int terminateCell(boolean htab) {
    List<Cell> line = lines.getLast();
    line.add(new Cell(cellSize, cellWidth, htab));
    cellSize = 0;
    cellWidth = 0;
    return line.size();
  }

  // ---- formatting (Go's format and writeLines) -------------------------------------------------------------

  private int format(int pos0, int line0, int line1) {
    int p = pos0;
    int column = widths.size();
    for (int thisLine = line0; thisLine < line1; thisLine++) {
      List<Cell> line = lines.get(thisLine);
      if (column >= line.size() - 1) continue;
      // This line has a cell in this column: a column block begins here.
      p = writeLines(p, line0, thisLine);
      line0 = thisLine;
      int width = minWidth;
      boolean discardable = true;
      for (; thisLine < line1; thisLine++) {
        line = lines.get(thisLine);
        if (column >= line.size() - 1) break;
        Cell c = line.get(column);
        int w = c.width() + padding;
        if (w > width) width = w;
        if (c.width() > 0 || c.htab()) discardable = false;
      }
      if (discardable && (flags & DISCARD_EMPTY_COLUMNS) != 0) width = 0;
      // Format and print all columns to the right of this one.
      widths.add(width);
      p = format(p, line0, thisLine);
      widths.removeLast();
      line0 = thisLine;
    }
    return writeLines(p, line0, line1);
  }

  private int writeLines(int pos0, int line0, int line1) {
    int p = pos0;
    for (int i = line0; i < line1; i++) {
      List<Cell> line = lines.get(i);
      boolean useTabs = (flags & TAB_INDENT) != 0;
      for (int j = 0; j < line.size(); j++) {
        Cell c = line.get(j);
        if (j > 0 && (flags & DEBUG) != 0) output.append('|');
        if (c.size() == 0) {
          if (j < widths.size()) writePadding(c.width(), widths.get(j), useTabs);
        } else {
          useTabs = false;
          if ((flags & ALIGN_RIGHT) == 0) {
            output.append(text, p, p + c.size());
            p += c.size();
            if (j < widths.size()) writePadding(c.width(), widths.get(j), false);
          } else {
            if (j < widths.size()) writePadding(c.width(), widths.get(j), false);
            output.append(text, p, p + c.size());
            p += c.size();
          }
        }
      }
      if (i + 1 == lines.size()) {
        // The last buffered line has no newline: write what is outstanding of the current cell.
        output.append(text, p, p + cellSize);
        p += cellSize;
      } else {
        output.append('\n');
      }
    }
    return p;
  }

  private void writePadding(int textw, int cellw, boolean useTabs) {
    if (padChar == '\t' || useTabs) {
      if (tabWidth == 0) return; // tabs have no width: no padding possible
      cellw = (cellw + tabWidth - 1) / tabWidth * tabWidth;
      int n = cellw - textw;
      if (n < 0) throw new IllegalStateException("internal error");
      output.repeat('\t', (n + tabWidth - 1) / tabWidth);
      return;
    }
    output.repeat(padChar, cellw - textw);
  }
}
