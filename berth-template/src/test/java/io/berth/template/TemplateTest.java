package io.berth.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven cases, most ported from Go's text/template exec_test.go (execTests, cmpTests) with Go's struct
 * fixture rebuilt from maps. An expected value of null means execution (or parsing) must fail.
 */
class TemplateTest {
  record Case(String name, String template, String expected, Object data) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  static List<Object> list(Object... items) {
    return new ArrayList<>(java.util.Arrays.asList(items));
  }

  /** Go's tVal, as maps. */
  static final Map<String, Object> T = map(
      "True", true,
      "I", 17,
      "X", "x",
      "S", "xyz",
      "U", map("V", "v"),
      "SI", list(3, 4, 5),
      "SIEmpty", list(),
      "SB", list(true, false),
      "AI", new int[] {3, 4, 5},
      "MSI", map("one", 1, "two", 2, "three", 3),
      "MSIone", map("one", 1),
      "MSIEmpty", map(),
      "SMSI", list(map("one", 1, "two", 2), map("eleven", 11, "twelve", 12)),
      "Empty0", null,
      "Empty3", list(7, 8),
      "Empty4", map("V", "UinEmpty"),
      "FloatZero", 0.0,
      "PSI", list(21, 22, 23),
      "Uthree", 3L,
      "Ufour", 4L,
      "Method0", (TemplateMethod) args -> "M0",
      "Method1", (TemplateMethod) args -> args.getFirst(),
      "Method2", (TemplateMethod) args -> "Method2: " + args.get(0) + " " + args.get(1),
      "MAdd", (TemplateMethod) args -> {
        int a = (Integer) args.get(0);
        List<Object> out = new ArrayList<>();
        for (Object o : (List<?>) args.get(1)) out.add((Integer) o + a);
        return out;
      },
      "MyError", (TemplateMethod) args -> {
        if ((Boolean) args.getFirst()) throw new IllegalArgumentException("my error");
        return false;
      });

  static Stream<Case> execCases() {
    return Stream.of(
        // Trivial cases.
        new Case("empty", "", "", null),
        new Case("text", "some text", "some text", null),
        new Case("nil action", "{{nil}}", null, null),
        // Ideal constants.
        new Case("ideal int", "{{printf \"%T\" 3}}", "int", null),
        new Case("ideal float", "{{printf \"%T\" 1.0}}", "float64", null),
        new Case("ideal exp float", "{{printf \"%T\" 1e1}}", "float64", null),
        new Case("ideal hex int with e", "{{printf \"%T %v\" 0x1e 0x1e}}", "int 30", null),
        new Case("ideal too big", "{{print 18446744073709551615}}", null, null),
        // Fields.
        new Case(".X", "-{{.X}}-", "-x-", T),
        new Case(".U.V", "-{{.U.V}}-", "-v-", T),
        new Case("map .one", "{{.MSI.one}}", "1", T),
        new Case("map .two", "{{.MSI.two}}", "2", T),
        new Case("map .NO", "{{.MSI.NO}}", "<no value>", T),
        new Case("missing chain", "{{.Nope.Deeper}}", "<no value>", T),
        new Case("map .WRONG args", "{{.MSI.one 1}}", null, T),
        new Case("field of string", "{{.X.Y}}", null, T),
        // Dots of all kinds.
        new Case("dot int", "<{{.}}>", "<13>", 13),
        new Case("dot long", "<{{.}}>", "<14>", 14L),
        new Case("dot float", "<{{.}}>", "<15.1>", 15.1),
        new Case("dot bool", "<{{.}}>", "<true>", true),
        new Case("dot string", "<{{.}}>", "<hello>", "hello"),
        new Case("dot slice", "<{{.}}>", "<[-1 -2 -3]>", list(-1, -2, -3)),
        new Case("dot array", "<{{.}}>", "<[1 2]>", new long[] {1, 2}),
        new Case("dot map", "<{{.}}>", "<map[two:22]>", map("two", 22)),
        new Case("dot nested", "<{{.}}>", "<map[a:[1 map[b:<nil>]] c:x]>", map("c", "x", "a", list(1, map("b", null)))),
        new Case("dot nil data", "<{{.}}>", "<<no value>>", null),
        // Variables.
        new Case("$ int", "{{$}}", "123", 123),
        new Case("$.I", "{{$.I}}", "17", T),
        new Case("$.U.V", "{{$.U.V}}", "v", T),
        new Case("declare in action", "{{$x := $.U.V}}{{$x}}", "v", T),
        new Case("simple assignment", "{{$x := 2}}{{$x = 3}}{{$x}}", "3", T),
        new Case("nested assignment", "{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{$x}}", "3", T),
        new Case("nested assignment changes the last declaration",
            "{{$x := 1}}{{if true}}{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{end}}{{$x}}", "1", T),
        new Case("variable field", "{{$u := .U}}{{$u.V}}", "v", T),
        // Methods.
        new Case(".Method0", "-{{.Method0}}-", "-M0-", T),
        new Case(".Method1(1234)", "-{{.Method1 1234}}-", "-1234-", T),
        new Case(".Method1(.I)", "-{{.Method1 .I}}-", "-17-", T),
        new Case(".Method2(3, .X)", "-{{.Method2 3 .X}}-", "-Method2: 3 x-", T),
        new Case("method piped", "{{.X | .Method1}}", "x", T),
        new Case("error method, error", "{{.MyError true}}", null, T),
        new Case("error method, no error", "{{.MyError false}}", "false", T),
        // Pipelines.
        new Case("pipeline", "-{{.Method0 | .Method2 .U.V}}-", "-Method2: v M0-", T),
        new Case("parenthesized", "{{(1)}}", "1", null),
        new Case("parenthesized field", "{{(.U).V}}", "v", T),
        new Case("parenthesized function", "{{(index .SMSI 1).eleven}}", "11", T),
        new Case("nested parens", "{{print (print (print 1))}}", "1", null),
        // If.
        new Case("if true", "{{if true}}TRUE{{end}}", "TRUE", T),
        new Case("if false", "{{if false}}TRUE{{else}}FALSE{{end}}", "FALSE", T),
        new Case("if nil", "{{if nil}}TRUE{{end}}", null, T),
        new Case("if 1", "{{if 1}}NON-ZERO{{else}}ZERO{{end}}", "NON-ZERO", T),
        new Case("if 0", "{{if 0}}NON-ZERO{{else}}ZERO{{end}}", "ZERO", T),
        new Case("if 1.5", "{{if 1.5}}NON-ZERO{{else}}ZERO{{end}}", "NON-ZERO", T),
        new Case("if 0.0", "{{if .FloatZero}}NON-ZERO{{else}}ZERO{{end}}", "ZERO", T),
        new Case("if emptystring", "{{if ``}}NON-EMPTY{{else}}EMPTY{{end}}", "EMPTY", T),
        new Case("if string", "{{if `notempty`}}NON-EMPTY{{else}}EMPTY{{end}}", "NON-EMPTY", T),
        new Case("if emptyslice", "{{if .SIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}", "EMPTY", T),
        new Case("if slice", "{{if .SI}}NON-EMPTY{{else}}EMPTY{{end}}", "NON-EMPTY", T),
        new Case("if emptymap", "{{if .MSIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}", "EMPTY", T),
        new Case("if map", "{{if .MSI}}NON-EMPTY{{else}}EMPTY{{end}}", "NON-EMPTY", T),
        new Case("if map unset", "{{if .MSI.none}}NON-ZERO{{else}}ZERO{{end}}", "ZERO", T),
        new Case("if map not unset", "{{if not .MSI.none}}ZERO{{else}}NON-ZERO{{end}}", "ZERO", T),
        new Case("if nil value", "{{if .Empty0}}non-nil{{else}}nil{{end}}", "nil", T),
        new Case("if $x with $y int", "{{if $x := true}}{{with $y := .I}}{{$x}},{{$y}}{{end}}{{end}}", "true,17", T),
        new Case("if $x with $x int", "{{if $x := true}}{{with $x := .I}}{{$x}},{{end}}{{$x}}{{end}}", "17,true", T),
        new Case("if else if", "{{if false}}FALSE{{else if true}}TRUE{{end}}", "TRUE", T),
        new Case("if else chain", "{{if eq 1 3}}1{{else if eq 2 3}}2{{else if eq 3 3}}3{{end}}", "3", T),
        // Print etc.
        new Case("print", "{{print \"hello, print\"}}", "hello, print", T),
        new Case("print 123", "{{print 1 2 3}}", "1 2 3", T),
        new Case("print nil", "{{print nil}}", "<nil>", T),
        new Case("print strings", "{{print \"a\" 1 2 \"b\" \"c\"}}", "a1 2bc", T),
        new Case("print missing", "{{print .Nope}}", "<nil>", T),
        new Case("println", "{{println 1 2 3}}", "1 2 3\n", T),
        new Case("printf int", "{{printf \"%04x\" 127}}", "007f", T),
        new Case("printf float", "{{printf \"%g\" 3.5}}", "3.5", T),
        new Case("printf string", "{{printf \"%s\" \"hello\"}}", "hello", T),
        new Case("printf field", "{{printf \"%s\" .U.V}}", "v", T),
        new Case("printf method", "{{printf \"%s\" .Method0}}", "M0", T),
        new Case("printf dot", "{{with .I}}{{printf \"%d\" .}}{{end}}", "17", T),
        new Case("printf var", "{{with $x := .I}}{{printf \"%d\" $x}}{{end}}", "17", T),
        new Case("printf lots", "{{printf \"%d %s %g %s\" 127 \"hello\" 7.5 .Method0}}", "127 hello 7.5 M0", T),
        // HTML, JS, URL.
        new Case("html", "{{html \"<script>alert(\\\"XSS\\\");</script>\"}}",
            "&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;", null),
        new Case("html pipeline", "{{printf \"<script>alert(\\\"XSS\\\");</script>\" | html}}",
            "&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;", null),
        new Case("html untyped nil", "{{html .Empty0}}", "&lt;no value&gt;", T),
        new Case("js", "{{js .}}", "It\\'d be nice.", "It'd be nice."),
        new Case("js specials", "{{js .}}", "\\u003Ca\\u003E\\u0026\\u003D\\u000A", "<a>&=\n"),
        new Case("urlquery", "{{\"http://www.example.org/\"|urlquery}}", "http%3A%2F%2Fwww.example.org%2F", null),
        // Booleans.
        new Case("not", "{{not true}} {{not false}}", "false true", null),
        new Case("and", "{{and false 0}} {{and 1 0}} {{and 0 true}} {{and 1 1}}", "false 0 0 1", null),
        new Case("or", "{{or 0 0}} {{or 1 0}} {{or 0 true}} {{or 1 1}}", "0 1 true 1", null),
        new Case("or short-circuit", "{{or 0 1 (index nil 0)}}", "1", null),
        new Case("and short-circuit", "{{and 1 0 (index nil 0)}}", "0", null),
        new Case("or short-circuit2", "{{or 0 0 (index nil 0)}}", null, null),
        new Case("and short-circuit2", "{{and 1 1 (index nil 0)}}", null, null),
        new Case("and pipe-true", "{{1 | and 1}}", "1", null),
        new Case("and pipe-false", "{{0 | and 1}}", "0", null),
        new Case("or pipe-true", "{{1 | or 0}}", "1", null),
        new Case("or pipe-false", "{{0 | or 0}}", "0", null),
        new Case("and undef", "{{and 1 .Unknown}}", "<no value>", map()),
        new Case("or undef", "{{or 0 .Unknown}}", "<no value>", map()),
        new Case("boolean if", "{{if and true 1 `hi`}}TRUE{{else}}FALSE{{end}}", "TRUE", T),
        new Case("boolean if not", "{{if and true 1 `hi` | not}}TRUE{{else}}FALSE{{end}}", "FALSE", null),
        new Case("boolean if pipe", "{{if true | not | and 1}}TRUE{{else}}FALSE{{end}}", "FALSE", null),
        // Indexing.
        new Case("slice[0]", "{{index .SI 0}}", "3", T),
        new Case("slice[1]", "{{index .SI 1}}", "4", T),
        new Case("slice[HUGE]", "{{index .SI 10}}", null, T),
        new Case("slice[WRONG]", "{{index .SI `hello`}}", null, T),
        new Case("slice[nil]", "{{index .SI nil}}", null, T),
        new Case("array[2]", "{{index .AI 2}}", "5", T),
        new Case("map[one]", "{{index .MSI `one`}}", "1", T),
        new Case("map[two]", "{{index .MSI `two`}}", "2", T),
        new Case("map[NO]", "{{index .MSI `XXX`}}", "<no value>", T),
        new Case("map[nil]", "{{index .MSI nil}}", null, T),
        new Case("map[WRONG]", "{{index .MSI 10}}", null, T),
        new Case("double index", "{{index .SMSI 1 `eleven`}}", "11", T),
        new Case("nil[1]", "{{index nil 1}}", null, T),
        new Case("string[1]", "{{index .S 1}}", "121", T),
        // Slicing.
        new Case("slice[:]", "{{slice .SI}}", "[3 4 5]", T),
        new Case("slice[1:]", "{{slice .SI 1}}", "[4 5]", T),
        new Case("slice[1:2]", "{{slice .SI 1 2}}", "[4]", T),
        new Case("slice[-1:]", "{{slice .SI -1}}", null, T),
        new Case("slice[1:-2]", "{{slice .SI 1 -2}}", null, T),
        new Case("slice[2:1]", "{{slice .SI 2 1}}", null, T),
        new Case("out of range", "{{slice .SI 4 5}}", null, T),
        new Case("string[:]", "{{slice .S}}", "xyz", T),
        new Case("string[0:1]", "{{slice .S 0 1}}", "x", T),
        new Case("string[1:]", "{{slice .S 1}}", "yz", T),
        new Case("string[1:2]", "{{slice .S 1 2}}", "y", T),
        new Case("string out of range", "{{slice .S 1 5}}", null, T),
        new Case("3-index slice of string", "{{slice .S 1 2 2}}", null, T),
        new Case("slice of an interface field", "{{slice .Empty3 0 1}}", "[7]", T),
        // Len.
        new Case("len slice", "{{len .SI}}", "3", T),
        new Case("len map", "{{len .MSI }}", "3", T),
        new Case("len of int", "{{len 3}}", null, T),
        new Case("len of nothing", "{{len .Empty0}}", null, T),
        new Case("len of string is bytes", "{{len .}}", "5", "héllo".substring(0, 4)),
        // With.
        new Case("with true", "{{with true}}{{.}}{{end}}", "true", T),
        new Case("with false", "{{with false}}{{.}}{{else}}FALSE{{end}}", "FALSE", T),
        new Case("with 1", "{{with 1}}{{.}}{{else}}ZERO{{end}}", "1", T),
        new Case("with 0", "{{with 0}}{{.}}{{else}}ZERO{{end}}", "ZERO", T),
        new Case("with 1.5", "{{with 1.5}}{{.}}{{else}}ZERO{{end}}", "1.5", T),
        new Case("with 0.0", "{{with .FloatZero}}{{.}}{{else}}ZERO{{end}}", "ZERO", T),
        new Case("with ``", "{{with ``}}{{.}}{{else}}EMPTY{{end}}", "EMPTY", T),
        new Case("with string", "{{with `notempty`}}{{.}}{{else}}EMPTY{{end}}", "notempty", T),
        new Case("with emptyslice", "{{with .SIEmpty}}{{.}}{{else}}EMPTY{{end}}", "EMPTY", T),
        new Case("with slice", "{{with .SI}}{{.}}{{else}}EMPTY{{end}}", "[3 4 5]", T),
        new Case("with emptymap", "{{with .MSIEmpty}}{{.}}{{else}}EMPTY{{end}}", "EMPTY", T),
        new Case("with map", "{{with .MSIone}}{{.}}{{else}}EMPTY{{end}}", "map[one:1]", T),
        new Case("with empty interface, struct field", "{{with .Empty4}}{{.V}}{{end}}", "UinEmpty", T),
        new Case("with $x int", "{{with $x := .I}}{{$x}}{{end}}", "17", T),
        new Case("with $x struct.U.V", "{{with $x := $}}{{$x.U.V}}{{end}}", "v", T),
        new Case("with variable and action", "{{with $x := $}}{{$y := $.U.V}}{{$y}}{{end}}", "v", T),
        new Case("with else with", "{{with 0}}{{.}}{{else with true}}{{.}}{{end}}", "true", T),
        new Case("with else with chain", "{{with 0}}{{.}}{{else with false}}{{.}}{{else with `notempty`}}{{.}}{{end}}",
            "notempty", T),
        // Range.
        new Case("range []int", "{{range .SI}}-{{.}}-{{end}}", "-3--4--5-", T),
        new Case("range empty no else", "{{range .SIEmpty}}-{{.}}-{{end}}", "", T),
        new Case("range []int else", "{{range .SI}}-{{.}}-{{else}}EMPTY{{end}}", "-3--4--5-", T),
        new Case("range empty else", "{{range .SIEmpty}}-{{.}}-{{else}}EMPTY{{end}}", "EMPTY", T),
        new Case("range []int break else", "{{range .SI}}-{{.}}-{{break}}NOTREACHED{{else}}EMPTY{{end}}", "-3-", T),
        new Case("range []int continue else", "{{range .SI}}-{{.}}-{{continue}}NOTREACHED{{else}}EMPTY{{end}}",
            "-3--4--5-", T),
        new Case("range break in if", "{{range .SI}}{{if eq . 4}}{{break}}{{end}}{{.}}{{end}}", "3", T),
        new Case("range []bool", "{{range .SB}}-{{.}}-{{end}}", "-true--false-", T),
        new Case("range []int method", "{{range .SI | .MAdd .I}}-{{.}}-{{end}}", "-20--21--22-", T),
        new Case("range map", "{{range .MSI}}-{{.}}-{{end}}", "-1--3--2-", T),
        new Case("range empty map no else", "{{range .MSIEmpty}}-{{.}}-{{end}}", "", T),
        new Case("range map else", "{{range .MSI}}-{{.}}-{{else}}EMPTY{{end}}", "-1--3--2-", T),
        new Case("range empty map else", "{{range .MSIEmpty}}-{{.}}-{{else}}EMPTY{{end}}", "EMPTY", T),
        new Case("range empty interface", "{{range .Empty3}}-{{.}}-{{else}}EMPTY{{end}}", "-7--8-", T),
        new Case("range empty nil", "{{range .Empty0}}-{{.}}-{{end}}", "", T),
        new Case("range $x SI", "{{range $x := .SI}}<{{$x}}>{{end}}", "<3><4><5>", T),
        new Case("range $x $y SI", "{{range $x, $y := .SI}}<{{$x}}={{$y}}>{{end}}", "<0=3><1=4><2=5>", T),
        new Case("range $x MSIone", "{{range $x := .MSIone}}<{{$x}}>{{end}}", "<1>", T),
        new Case("range $x $y MSIone", "{{range $x, $y := .MSIone}}<{{$x}}={{$y}}>{{end}}", "<one=1>", T),
        new Case("range $x PSI", "{{range $x := .PSI}}<{{$x}}>{{end}}", "<21><22><23>", T),
        new Case("declare in range", "{{range $x := .PSI}}<{{$foo:=$x}}{{$x}}>{{end}}", "<21><22><23>", T),
        new Case("range int", "{{range $i := 5}}{{$i}}{{end}}", "01234", null),
        new Case("range int zero else", "{{range 0}}x{{else}}none{{end}}", "none", null),
        new Case("range int two vars", "{{range $i, $j := 5}}{{$i}}{{end}}", null, null),
        new Case("range over float", "{{range 1.5}}{{end}}", null, null),
        new Case("range assign", "{{$k := 0}}{{$v := 0}}{{range $k, $v = .SI}}{{end}}{{$k}}-{{$v}}", "2-5", T),
        new Case("range $ inside", "{{range .SI}}{{$.X}}{{end}}", "xxx", T),
        // Cute examples.
        new Case("or as if true", "{{or .SI \"slice is empty\"}}", "[3 4 5]", T),
        new Case("or as if false", "{{or .SIEmpty \"slice is empty\"}}", "slice is empty", T),
        // Numbers.
        new Case("decimal", "{{print 1234}}", "1234", T),
        new Case("decimal _", "{{print 12_34}}", "1234", T),
        new Case("binary", "{{print 0b101}}", "5", T),
        new Case("binary _", "{{print 0b_1_0_1}}", "5", T),
        new Case("BINARY", "{{print 0B101}}", "5", T),
        new Case("octal0", "{{print 0377}}", "255", T),
        new Case("octal", "{{print 0o377}}", "255", T),
        new Case("octal _", "{{print 0o_3_7_7}}", "255", T),
        new Case("OCTAL", "{{print 0O377}}", "255", T),
        new Case("hex", "{{print 0x123}}", "291", T),
        new Case("hex _", "{{print 0x1_23}}", "291", T),
        new Case("HEX", "{{print 0X123ABC}}", "1194684", T),
        new Case("float", "{{print 123.4}}", "123.4", T),
        new Case("float _", "{{print 0_0_1_2_3.4}}", "123.4", T),
        new Case("hex float", "{{print +0x1.ep+2}}", "7.5", T),
        new Case("hex float _", "{{print +0x_1.e_0p+0_2}}", "7.5", T),
        new Case("HEX float", "{{print +0X1.EP+2}}", "7.5", T),
        new Case("print multi", "{{print 1_2_3_4 7.5_00_00_00}}", "1234 7.5", T),
        new Case("print multi2", "{{print 1234 0x0_1.e_0p+02}}", "1234 7.5", T),
        new Case("negative", "{{print -7 +7}}", "-7 7", T),
        new Case("char constant", "{{print 'a' '\\n' '\\u00e9'}}", "97 10 233", T),
        // Fixed bugs.
        new Case("bug0", "{{range .MSIone}}{{if $.Method1 .}}X{{end}}{{end}}", "X", T),
        new Case("bug18a", "{{eq . nil}}", "true", null),
        new Case("bug18b", "{{eq nil .}}", "true", null),
        new Case("bug18c", "{{eq . .}}", "true", null),
        new Case("bug18d", "{{eq .Empty0 nil}}", "true", T),
        // Trim markers, comments and multi-line actions.
        new Case("trim left", "a  {{- 3}}", "a3", null),
        new Case("trim right", "{{3 -}}  b", "3b", null),
        new Case("trim both", "a \n {{- 3 -}} \n b", "a3b", null),
        new Case("trim keeps minus number", "{{-3}}", "-3", null),
        new Case("comment", "a{{/* a comment */}}b", "ab", null),
        new Case("trimmed comment", "a  {{- /* c */ -}}  b", "ab", null),
        new Case("multiline action", "{{print\n1\n}}", "1", null),
        new Case("raw string", "{{`a\\n`}}", "a\\n", null),
        new Case("string escapes", "{{\"a\\tb\\u00e9\\x41\"}}", "a\tbéA", null),
        // Templates.
        new Case("define and template", "{{define \"x\"}}[{{.}}]{{end}}{{template \"x\" .I}}", "[17]", T),
        new Case("template no dot", "{{define \"x\"}}[{{.}}]{{end}}{{template \"x\"}}", "[<no value>]", T),
        new Case("template no vars", "{{define \"x\"}}{{$}}{{end}}{{$y := 1}}{{template \"x\" 5}}", "5", T),
        new Case("block", "{{block \"b\" .X}}<{{.}}>{{end}}|{{template \"b\" .S}}", "<x>|<xyz>", T),
        new Case("block redefined in one parse", "{{block \"b\" .}}default{{end}}{{define \"b\"}}custom{{end}}", null, T),
        new Case("undefined template", "{{template \"nope\"}}", null, T),
        new Case("recursive template", "{{define \"r\"}}{{if .}}{{len .}}{{template \"r\" slice . 1}}{{end}}{{end}}{{template \"r\" .SI}}",
            "321", T));
  }

  static Stream<Case> comparisonCases() {
    // Go's cmpTests: "{{eq 1 2}}"-style expressions; expected null when Go reports an error.
    Object[][] cases = {
      {"eq true true", "true"}, {"eq true false", "false"},
      {"eq 1.5 1.5", "true"}, {"eq 1.5 2.5", "false"},
      {"eq 1 1", "true"}, {"eq 1 2", "false"},
      {"eq `xy` `xy`", "true"}, {"eq `xy` `xyz`", "false"},
      {"eq .Uthree .Uthree", "true"}, {"eq .Uthree .Ufour", "false"},
      {"eq 3 4 5 6 3", "true"}, {"eq 3 4 5 6 7", "false"},
      {"ne true true", "false"}, {"ne true false", "true"},
      {"ne 1.5 1.5", "false"}, {"ne 1.5 2.5", "true"},
      {"ne 1 1", "false"}, {"ne 1 2", "true"},
      {"ne `xy` `xy`", "false"}, {"ne `xy` `xyz`", "true"},
      {"lt 1.5 1.5", "false"}, {"lt 1.5 2.5", "true"},
      {"lt 1 1", "false"}, {"lt 1 2", "true"},
      {"lt `xy` `xy`", "false"}, {"lt `xy` `xyz`", "true"},
      {"lt .Uthree .Uthree", "false"}, {"lt .Uthree .Ufour", "true"},
      {"le 1.5 1.5", "true"}, {"le 1.5 2.5", "true"}, {"le 2.5 1.5", "false"},
      {"le 1 1", "true"}, {"le 1 2", "true"}, {"le 2 1", "false"},
      {"le `xy` `xy`", "true"}, {"le `xy` `xyz`", "true"}, {"le `xyz` `xy`", "false"},
      {"gt 1.5 1.5", "false"}, {"gt 1.5 2.5", "false"}, {"gt 2.5 1.5", "true"},
      {"gt 1 1", "false"}, {"gt 1 2", "false"}, {"gt 2 1", "true"},
      {"gt `xy` `xy`", "false"}, {"gt `xy` `xyz`", "false"}, {"gt `xyz` `xy`", "true"},
      {"ge 1.5 1.5", "true"}, {"ge 1.5 2.5", "false"}, {"ge 2.5 1.5", "true"},
      {"ge 1 1", "true"}, {"ge 1 2", "false"}, {"ge 2 1", "true"},
      {"ge `xy` `xy`", "true"}, {"ge `xy` `xyz`", "false"}, {"ge `xyz` `xy`", "true"},
      // Java Integer, Long and Double compare by value (Go would need equal types).
      {"eq .I 17", "true"}, {"eq .Uthree 3", "true"}, {"eq 2 2.0", "true"}, {"lt .Uthree 3.5", "true"},
      // Errors, as in Go.
      {"eq `xy` 1", null}, {"lt true true", null}, {"eq .SI .SI", null}, {"lt nil 1", null}, {"eq 1", null},
    };
    return Stream.of(cases).map(c -> new Case((String) c[0], "{{" + c[0] + "}}", (String) c[1], T));
  }

  static Stream<Case> dockerCases() {
    return Stream.of(
        new Case("json map keeps order", "{{json .}}", "{\"b\":1,\"a\":[true,null,\"x\"],\"c\":{}}",
            map("b", 1, "a", list(true, null, "x"), "c", map())),
        new Case("json no html escape", "{{json .}}", "\"<a&b>\"", "<a&b>"),
        new Case("json escapes", "{{json .}}", "\"q\\\"\\\\\\n\\t\\u0001\\u2028é\"", "q\"\\\n\t\u0001\u2028é"),
        new Case("json floats", "{{json .}}", "[1,1.5,1000000,1e+21,1e-7,0.000001,-0]",
            list(1.0, 1.5, 1e6, 1e21, 1e-7, 1e-6, -0.0)),
        new Case("json integers", "{{json .}}", "[9007199254740993,-5]", list(9007199254740993L, -5)),
        new Case("json bigdecimal", "{{json .}}", "2.5", new BigDecimal("2.5")),
        new Case("json missing", "{{json .Nope}}", "null", map()),
        new Case("json NaN prints nothing", "{{json .}}", "", Double.NaN),
        new Case("json string list", "{{json .}}", "[\"a\",\"b\"]", new String[] {"a", "b"}),
        new Case("split", "{{split . \":\"}}", "[a b c]", "a:b:c"),
        new Case("split empty sep", "{{split . \"\"}}", "[h é]", "hé"),
        new Case("split index", "{{index (split . \":\") 1}}", "b", "a:b:c"),
        new Case("join", "{{join . \", \"}}", "a, b", list("a", "b")),
        new Case("join array", "{{join . \"-\"}}", "x-y", new String[] {"x", "y"}),
        new Case("join non-strings", "{{join . \",\"}}", null, list(1, 2)),
        new Case("join nil", "[{{join nil \",\"}}{{join .Nope \",\"}}]", "[]", map()),
        new Case("title", "{{title .}}", "Hello World_x Foo-Bar", "hello world_x foo-bar"),
        new Case("lower", "{{lower .}}", "abc é", "ABC É"),
        new Case("upper", "{{upper .}}", "ABC É", "abc é"),
        new Case("upper pipe", "{{. | upper}}", "X", "x"),
        new Case("pad", "[{{pad . 2 3}}]", "[  ab   ]", "ab"),
        new Case("pad empty", "[{{pad . 2 3}}]", "[]", ""),
        new Case("truncate", "{{truncate . 3}}", "abc", "abcdef"),
        new Case("truncate short", "{{truncate . 10}}", "abc", "abc"),
        new Case("truncate long int", "{{truncate .S .N}}", "ab", map("S", "abc", "N", 2L)),
        new Case("truncate float", "{{truncate .S .N}}", null, map("S", "abc", "N", 2.0)),
        new Case("docker ps label method", "{{.Label \"com.x\"}}", "yes",
            map("Label", (TemplateMethod) args -> "com.x".equals(args.getFirst()) ? "yes" : "")),
        new Case("docker inspect exit code", "{{if eq 0.0 .State.ExitCode}}ok{{end}}", "ok",
            map("State", map("ExitCode", 0.0))),
        new Case("docker network range", "{{range $k, $v := .Containers}}{{$k}}={{$v.Name}} {{end}}", "a=x b=y ",
            map("Containers", map("b", map("Name", "y"), "a", map("Name", "x")))),
        new Case("docker ports index", "{{(index (index .Ports \"80/tcp\") 0).HostPort}}", "8080",
            map("Ports", map("80/tcp", list(map("HostIp", "0.0.0.0", "HostPort", "8080"))))),
        new Case("docker env range", "{{range .Config.Env}}{{println .}}{{end}}", "A=1\nB=2\n",
            map("Config", map("Env", list("A=1", "B=2")))),
        new Case("nil field prints <nil>", "{{.Health}}", "<nil>", map("Health", null)),
        new Case("nil in list and map", "{{.}}", "[<nil> map[k:<nil>]]", list(null, map("k", null))),
        new Case("docker float field", "{{.Size}}", "1.23456789e+08", map("Size", 123456789.0)),
        new Case("docker integer field", "{{.Size}}", "123456789", map("Size", 123456789L)),
        new Case("biginteger", "{{.}}", "123456789012345678901234567890", new BigInteger("123456789012345678901234567890")));
  }

  static Stream<Case> allCases() {
    return Stream.of(execCases(), comparisonCases(), dockerCases()).flatMap(s -> s);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allCases")
  void executesAsGoDoes(Case c) {
    if (c.expected() == null) {
      assertThrows(TemplateException.class, () -> Template.parse(c.template()).execute(c.data()),
          () -> "expected an error for " + c.template());
      return;
    }
    try {
      assertEquals(c.expected(), Template.parse(c.template()).execute(c.data()), c.template());
    } catch (TemplateException e) {
      fail(c.template() + ": unexpected error: " + e.getMessage());
    }
  }
}
