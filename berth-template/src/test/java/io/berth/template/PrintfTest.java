package io.berth.template;

import static io.berth.template.TemplateTest.list;
import static io.berth.template.TemplateTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** printf verbs, flags and bad-verb output, with expectations from Go's fmt (fmt_test.go). */
class PrintfTest {
  record Case(String format, List<Object> args, String expected) {
    @Override
    public String toString() {
      return format + " " + args;
    }
  }

  static Case c(String format, String expected, Object... args) {
    return new Case(format, Arrays.asList(args), expected);
  }

  static Stream<Case> cases() {
    return Stream.of(
        // integers
        c("%d", "42", 42), c("%5d", "   42", 42), c("%-5d|", "42   |", 42), c("%05d", "-0042", -42),
        c("%+d", "+5", 5), c("% d", " 5", 5), c("%x", "ff", 255), c("%X", "FF", 255), c("%#x", "0xff", 255),
        c("%x", "-ff", -255), c("%o", "10", 8), c("%#o", "010", 8), c("%O", "0o10", 8), c("%b", "101", 5),
        c("%c", "A", 65), c("%c", "😀", 0x1F600), c("%q", "'A'", 65), c("%U", "U+1F600", 0x1F600),
        c("%#U", "U+0041 'A'", 65), c("%.3d", "007", 7), c("%8.3d", "     007", 7), c("%.0d", "", 0),
        c("%d", "-9223372036854775808", Long.MIN_VALUE), c("%x", "7fffffffffffffff", Long.MAX_VALUE),
        c("%v", "42", 42L), c("%-+6d|", "+42   |", 42), c("%#08x", "0x000000ff", 255),
        // strings
        c("%s", "hi", "hi"), c("%10s|", "        hi|", "hi"), c("%-10s|", "hi        |", "hi"),
        c("%.1s", "h", "hello"), c("%.2s", "hé", "héllo"), c("%q", "\"a\\\"b\"", "a\"b"), c("%#q", "`ab`", "ab"),
        c("%q", "\"é\\n\"", "é\n"), c("%+q", "\"\\u00e9\"", "é"), c("%x", "6869", "hi"), c("% x", "68 69", "hi"),
        c("%#x", "0x6869", "hi"), c("%X", "C3A9", "é"), c("%5.1s|", "    h|", "hi"), c("%05s", "000hi", "hi"),
        // floats
        c("%f", "3.141590", 3.14159), c("%.2f", "3.14", 3.14159), c("%8.3f", "   3.142", 3.14159),
        c("%e", "1.234568e+03", 1234.5678), c("%E", "1.234568E+03", 1234.5678), c("%g", "1234.5678", 1234.5678),
        c("%g", "1e+21", 1e21), c("%g", "100000", 100000.0), c("%g", "1e+06", 1e6), c("%.3g", "1.23e+03", 1234.5678),
        c("%v", "1.2e-05", 0.000012), c("%v", "1e+20", 1e20), c("%v", "12345.678", 12345.678),
        c("%v", "0.1", 0.1), c("%v", "0.30000000000000004", 0.1 + 0.2), c("%v", "-0", -0.0),
        c("%+.1f", "+2.0", 2.0), c("%06.2f", "-01.50", -1.5), c("%.0f", "2", 2.5), c("%.0f", "4", 3.5),
        c("%#g", "1.00000", 1.0), c("%#.3g", "1.00", 1.0), c("%.3e", "0.000e+00", 0.0), c("%g", "0", 0.0),
        c("%08.3f", "-003.142", -3.14159), c("%x", "0x1.8p+00", 1.5), c("%v", "+Inf", Double.POSITIVE_INFINITY),
        c("%5.1f", "  NaN", Double.NaN), c("%f", "-Inf", Double.NEGATIVE_INFINITY), c("%v", "1.5", 1.5f),
        c("%.1f", "0.1", 0.05), c("%.2f", "1.00", 1.005), c("%e", "1.000000e-07", 1e-7), c("%G", "1E+21", 1e21),
        c("%v", "3.4028234663852886e+38", (double) Float.MAX_VALUE), c("%v", "3.4028235e+38", Float.MAX_VALUE),
        c("%b", "4503599627370496p-52", 1.0),
        // booleans, types, verbs
        c("%t", "true", true), c("%v", "false", false), c("%5t", " true", true), c("%T", "string", "x"),
        c("%T", "float64", 1.5), c("%T", "bool", true), c("%T", "[]interface {}", list(1)), c("%T", "<nil>", (Object) null),
        c("%%", "%"), c("100%%", "100%"),
        // compound values
        c("%v", "[1 2]", list(1, 2)), c("%d", "[1 2]", list(1, 2)), c("%q", "[\"a\" \"b\"]", list("a", "b")),
        c("%s", "map[a:x b:y]", map("b", "y", "a", "x")), c("%d", "[%!d(string=x)]", list("x")),
        c("%v", "[[1] map[]]", list(list(1), map())), c("%#v", "[]interface {}{\"a\", 1}", list("a", 1)),
        // errors
        c("%d", "%!d(string=x)", "x"), c("%d", "%!d(MISSING)"), c("%d", "1%!(EXTRA int=2)", 1, 2),
        c("%d %s", "1 %!s(MISSING)", 1), c("%s", "%!s(<nil>)", (Object) null), c("%v", "<nil>", (Object) null),
        c("%z", "%!z(int=1)", 1), c("%t", "%!t(int=1)", 1), c("%s", "%!s(int=1)", 1), c("%d", "%!d(bool=true)", true),
        c("%", "%!(NOVERB)"), c("%[2]d %[1]d", "2 1", 1, 2), c("%[3]d", "%!d(BADINDEX)", 1), c("%*d", "   42", 5, 42),
        c("%-*d|", "42   |", 5, 42), c("%.*f", "3.14", 2, 3.14159), c("%*d", "%!(BADWIDTH)42", "x", 42),
        c("%!", "%!!(MISSING)"), c("%5", "%!(NOVERB)"), c("%d", "%!d(float64=1.5)", 1.5), c("%s", "%!s(float64=1.5)", 1.5),
        c("%d %d", "1 2%!(EXTRA string=x, <nil>)", 1, 2, "x", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void formatsAsGoFmt(Case c) {
    assertEquals(c.expected(), GoFormat.sprintf(c.format(), c.args()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void templatePrintfMatches(Case c) {
    // The same through a template: {{printf .F .A0 .A1 ...}}
    StringBuilder t = new StringBuilder("{{printf .F");
    var data = map("F", c.format());
    for (int i = 0; i < c.args().size(); i++) {
      t.append(" .A").append(i);
      data.put("A" + i, c.args().get(i));
    }
    assertEquals(c.expected(), Template.parse(t.append("}}").toString()).execute(data));
  }
}
