package io.berth.template;

import static io.berth.template.TabWriter.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Cases from Go's text/tabwriter tabwriter_test.go, with docker/cli's runewidth expectations for wide runes. */
class TabWriterTest {
  record Case(String name, int minWidth, int tabWidth, int padding, char padChar, int flags, String src, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("1a", 8, 0, 1, '.', 0, "", ""),
        new Case("1a debug", 8, 0, 1, '.', DEBUG, "", ""),
        new Case("2", 8, 0, 1, '.', 0, "\n\n\n", "\n\n\n"),
        new Case("3", 8, 0, 1, '.', 0, "a\nb\nc", "a\nb\nc"),
        new Case("4a", 8, 0, 1, '.', 0, "\t", ""),
        new Case("4b", 8, 0, 1, '.', ALIGN_RIGHT, "\t", ""),
        new Case("5", 8, 0, 1, '.', 0, "*\t*", "*.......*"),
        new Case("5b", 8, 0, 1, '.', 0, "*\t*\n", "*.......*\n"),
        new Case("5c", 8, 0, 1, '.', 0, "*\t*\t", "*.......*"),
        new Case("5c debug", 8, 0, 1, '.', DEBUG, "*\t*\t", "*.......|*"),
        new Case("5d", 8, 0, 1, '.', ALIGN_RIGHT, "*\t*\t", ".......**"),
        new Case("6", 8, 0, 1, '.', 0, "\t\n", "........\n"),
        new Case("7a", 8, 0, 1, '.', 0, "a) foo", "a) foo"),
        new Case("7b", 8, 0, 1, ' ', 0, "b) foo\tbar", "b) foo  bar"),
        new Case("7c", 8, 0, 1, '.', 0, "c) foo\tbar\t", "c) foo..bar"),
        new Case("7d", 8, 0, 1, '.', 0, "d) foo\tbar\n", "d) foo..bar\n"),
        new Case("7e", 8, 0, 1, '.', 0, "e) foo\tbar\t\n", "e) foo..bar.....\n"),
        new Case("7f", 8, 0, 1, '.', FILTER_HTML, "f) f&lt;o\t<b>bar</b>\t\n", "f) f&lt;o..<b>bar</b>.....\n"),
        new Case("7g", 8, 0, 1, '.', FILTER_HTML, "g) f&lt;o\t<b>bar</b>\t non-terminated entity &amp",
            "g) f&lt;o..<b>bar</b>..... non-terminated entity &amp"),
        new Case("7g debug", 8, 0, 1, '.', FILTER_HTML | DEBUG, "g) f&lt;o\t<b>bar</b>\t non-terminated entity &amp",
            "g) f&lt;o..|<b>bar</b>.....| non-terminated entity &amp"),
        new Case("8", 8, 0, 1, '*', 0, "Hello, world!\n", "Hello, world!\n"),
        new Case("9a", 1, 0, 0, '.', 0, "1\t2\t3\t4\n11\t222\t3333\t44444\n", "1.2..3...4\n11222333344444\n"),
        new Case("9b", 1, 0, 0, '.', FILTER_HTML, "1\t2<!---\f--->\t3\t4\n11\t222\t3333\t44444\n",
            "1.2<!---\f--->..3...4\n11222333344444\n"),
        new Case("9c", 1, 0, 0, '.', 0, "1\t2\t3\t4\f11\t222\t3333\t44444\n", "1234\n11222333344444\n"),
        new Case("9c debug", 1, 0, 0, '.', DEBUG, "1\t2\t3\t4\f11\t222\t3333\t44444\n",
            "1|2|3|4\n---\n11|222|3333|44444\n"),
        new Case("10a", 5, 0, 0, '.', 0, "1\t2\t3\t4\n", "1....2....3....4\n"),
        new Case("10b", 5, 0, 0, '.', 0, "1\t2\t3\t4\t\n", "1....2....3....4....\n"),
        new Case("11 (docker runewidth)", 8, 0, 1, '.', 0, "本\tb\tc\naa\t本本本\tcccc\tddddd\naaa\tbbbb\n",
            "本......b.......c\naa......本本本..cccc....ddddd\naaa.....bbbb\n"),
        new Case("12a", 8, 0, 1, ' ', ALIGN_RIGHT, "a\tè\tc\t\naa\tèèè\tcccc\tddddd\t\naaa\tèèèè\t\n",
            "       a       è       c\n      aa     èèè    cccc   ddddd\n     aaa    èèèè\n"),
        new Case("12b", 2, 0, 0, ' ', 0, "a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n", "a  b  c\naa bbbcccc\naaabbbb\n"),
        new Case("12c", 8, 0, 1, '_', 0, "a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n",
            "a_______b_______c\naa______bbb_____cccc\naaa_____bbbb\n"),
        new Case("13a", 4, 0, 1, '-', 0,
            "4444\t日本語\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n",
            "4444------日本語-22--1---333\n999999999-22\n7---------22\n------------------88888888\n\n"
                + "666666-666666-666666----4444\n1------1------999999999-0000000000\n"),
        new Case("13b", 4, 0, 3, '.', 0,
            "4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n",
            "4444........333...22...1...333\n999999999...22\n7...........22\n....................88888888\n\n"
                + "666666...666666...666666......4444\n1........1........999999999...0000000000\n"),
        new Case("13c", 8, 8, 1, '\t', FILTER_HTML,
            "4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n"
                + "1\t1\t<font color=red attr=日本語>999999999</font>\t0000000000\n",
            "4444\t\t333\t22\t1\t333\n999999999\t22\n7\t\t22\n\t\t\t\t88888888\n\n666666\t666666\t666666\t\t4444\n"
                + "1\t1\t<font color=red attr=日本語>999999999</font>\t0000000000\n"),
        new Case("14", 1, 0, 2, ' ', ALIGN_RIGHT,
            ".0\t.3\t2.4\t-5.1\t\n23.0\t12345678.9\t2.4\t-989.4\t\n5.1\t12.0\t2.4\t-7.0\t\n.0\t0.0\t332.0\t8908.0\t\n"
                + ".0\t-.3\t456.4\t22.1\t\n.0\t1.2\t44.4\t-13.3\t\t",
            "    .0          .3    2.4    -5.1\n  23.0  12345678.9    2.4  -989.4\n   5.1        12.0    2.4    -7.0\n"
                + "    .0         0.0  332.0  8908.0\n    .0         -.3  456.4    22.1\n    .0         1.2   44.4   -13.3"),
        new Case("14 debug", 1, 0, 2, ' ', ALIGN_RIGHT | DEBUG,
            ".0\t.3\t2.4\t-5.1\t\n23.0\t12345678.9\t2.4\t-989.4\t\n5.1\t12.0\t2.4\t-7.0\t\n.0\t0.0\t332.0\t8908.0\t\n"
                + ".0\t-.3\t456.4\t22.1\t\n.0\t1.2\t44.4\t-13.3\t\t",
            "    .0|          .3|    2.4|    -5.1|\n  23.0|  12345678.9|    2.4|  -989.4|\n   5.1|        12.0|    2.4|    -7.0|\n"
                + "    .0|         0.0|  332.0|  8908.0|\n    .0|         -.3|  456.4|    22.1|\n    .0|         1.2|   44.4|   -13.3|"),
        new Case("15a", 4, 0, 0, '.', 0, "a\t\tb", "a.......b"),
        new Case("15b", 4, 0, 0, '.', DISCARD_EMPTY_COLUMNS, "a\t\tb", "a.......b"),
        new Case("15c", 4, 0, 0, '.', DISCARD_EMPTY_COLUMNS, "a\u000b\u000bb", "a...b"),
        new Case("15d", 4, 0, 0, '.', ALIGN_RIGHT | DISCARD_EMPTY_COLUMNS, "a\u000b\u000bb", "...ab"),
        new Case("16a", 100, 100, 0, '\t', 0,
            "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
            "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n"),
        new Case("16b", 100, 100, 0, '\t', DISCARD_EMPTY_COLUMNS,
            "a\u000bb\u000b\u000bd\na\u000bb\u000b\u000bd\u000be\na\na\u000bb\u000bc\u000bd\na\u000bb\u000bc\u000bd\u000be\n",
            "a\tb\td\na\tb\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n"),
        new Case("16b debug", 100, 100, 0, '\t', DISCARD_EMPTY_COLUMNS | DEBUG,
            "a\u000bb\u000b\u000bd\na\u000bb\u000b\u000bd\u000be\na\na\u000bb\u000bc\u000bd\na\u000bb\u000bc\u000bd\u000be\n",
            "a\t|b\t||d\na\t|b\t||d\t|e\na\na\t|b\t|c\t|d\na\t|b\t|c\t|d\t|e\n"),
        new Case("16c", 100, 100, 0, '\t', DISCARD_EMPTY_COLUMNS,
            "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
            "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n"),
        new Case("16c debug", 100, 100, 0, '\t', DISCARD_EMPTY_COLUMNS | DEBUG,
            "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
            "a\t|b\t|\t|d\na\t|b\t|\t|d\t|e\na\na\t|b\t|c\t|d\na\t|b\t|c\t|d\t|e\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void alignsAsGoDoes(Case c) {
    TabWriter w = new TabWriter(c.minWidth(), c.tabWidth(), c.padding(), c.padChar(), c.flags());
    // all at once
    w.write(c.src());
    assertEquals(c.expected(), w.flush(), "written all at once");
    // char by char
    for (int i = 0; i < c.src().length(); i++) w.write(c.src().substring(i, i + 1));
    assertEquals(c.expected(), w.flush(), "written char by char");
    // Fibonacci-ish slices, as Go's test does
    for (int i = 0, d = 0; i < c.src().length(); ) {
      w.write(c.src().substring(i, i + d));
      i += d;
      d++;
      if (i + d > c.src().length()) d = c.src().length() - i;
    }
    assertEquals(c.expected(), w.flush(), "written in slices");
  }

  @Test
  void dockerTableLayout() {
    TabWriter w = TabWriter.forDockerTable();
    w.write("REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\n");
    w.write("busybox\tlatest\tabc123def456\t2 weeks ago\t4.26MB\n");
    w.write("my/very-long-repository-name\tv1.2.3\t0123456789ab\t3 months ago\t120MB\n");
    assertEquals(String.join("\n",
        "REPOSITORY                     TAG       IMAGE ID       CREATED        SIZE",
        "busybox                        latest    abc123def456   2 weeks ago    4.26MB",
        "my/very-long-repository-name   v1.2.3    0123456789ab   3 months ago   120MB",
        ""), w.flush());
  }

  @Test
  void columnsAreBlocksOfConsecutiveLines() {
    // The single-cell line in the middle ends the first block: the two tables align independently.
    TabWriter w = new TabWriter(0, 1, 1, ' ', 0);
    w.write("a\tb\nlonger-cell\tc\nsingle\nx\ty\n");
    assertEquals("a           b\nlonger-cell c\nsingle\nx y\n", w.flush());
  }

  @Test
  void rejectsNegativeSettings() {
    assertThrows(IllegalArgumentException.class, () -> new TabWriter(-1, 0, 0, ' ', 0));
  }
}
