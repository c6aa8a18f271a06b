package io.berth.template;

import static io.berth.template.TemplateTest.T;
import static io.berth.template.TemplateTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Error messages, word for word as Go's text/template produces them (parse_test.go errorTests, exec errors). */
class ErrorMessageTest {
  record Case(String template, Object data, String message) {
    @Override
    public String toString() {
      return template.replace("\n", "\\n");
    }
  }

  static Stream<Case> parseErrors() {
    return Stream.of(
        new Case("{{foo}}", null, "template: :1: function \"foo\" not defined"),
        new Case("{{.Foo}", null, "template: :1: unexpected \"}\" in operand"),
        new Case("line1\n{{", null, "template: :2: unclosed action"),
        new Case("line1\n{{define `x`}}line2\n{{", null, "template: :3: unclosed action"),
        new Case("line1\n{{\"x\"\n\"y\"\n", null, "template: :4: unclosed action started at :2"),
        new Case("{{\n\n\n\n\n", null, "template: :6: unclosed action started at :1"),
        new Case("line1\n{{\nx\n}}", null, "template: :3: function \"x\" not defined"),
        new Case("{{/*}}", null, "template: :1: unclosed comment"),
        new Case("{{/*\nhello\n}}", null, "template: :1: unclosed comment"),
        new Case("{{/* c */ .X}}", null, "template: :1: comment ends before closing delimiter"),
        new Case("{{.X (1 2 3}}", null, "template: :1: unclosed left paren"),
        new Case("{{.X 1 2 3 ) }}", null, "template: :1: unexpected right paren"),
        new Case("{{(.X 1 2 3", null, "template: :1: unclosed action"),
        new Case("{{`x`3}}", null, "template: :1: unexpected \"3\" in operand"),
        new Case("{{a#}}", null, "template: :1: bad character U+0023 '#'"),
        new Case("{{'a}}", null, "template: :1: unterminated character constant"),
        new Case("{{\"a}}", null, "template: :1: unterminated quoted string"),
        new Case("{{`a}}", null, "template: :1: unterminated raw quoted string"),
        new Case("{{0xi}}", null, "template: :1: illegal number syntax: \"0xi\""),
        new Case("{{define `a`}}a{{end}}{{define `a`}}b{{end}}", null,
            "template: :1: template: multiple definition of template \"a\""),
        new Case("{{range .X}}", null, "template: :1: unexpected EOF"),
        new Case("{{$x := 23}}{{with $x.y := 3}}{{$x 23}}{{end}}", null, "template: :1: unexpected \":=\" in operand"),
        new Case("{{$a,$b,$c := 23}}", null, "template: :1: too many declarations in command"),
        new Case("{{$a}}", null, "template: :1: undefined variable \"$a\""),
        new Case("{{true.any}}", null, "template: :1: unexpected . after term \"true\""),
        new Case("{{12|false}}", null, "template: :1: non executable command in pipeline stage 2"),
        new Case("{{ ( ) }}", null, "template: :1: missing value for parenthesized pipeline"),
        new Case("{{ $v := `\n` }} {{", null, "template: :2: unclosed action"),
        new Case("{{range $k}}{{end}}", null, "template: :1: undefined variable \"$k\""),
        new Case("{{range $k,}}{{end}}", null, "template: :1: missing value for range"),
        new Case("{{range $k, $v := }}{{end}}", null, "template: :1: missing value for range"),
        new Case("{{range $k, .}}{{end}}", null, "template: :1: range can only initialize variables"),
        new Case("{{range $k, 123 := .}}{{end}}", null, "template: :1: range can only initialize variables"),
        new Case("{{end}}", null, "template: :1: unexpected {{end}}"),
        new Case("x\n{{else}}", null, "template: :2: unexpected {{else}}"),
        new Case("{{if .X}}a{{else}}b{{else}}c{{end}}", null, "template: :1: expected end; found {{else}}"),
        new Case("{{break}}", null, "template: :1: {{break}} outside {{range}}"),
        new Case("{{range .}}{{continue 1}}{{end}}", null, "template: :1: unexpected \"1\" in {{continue}}"),
        new Case("{{}}", null, "template: :1: missing value for command"),
        new Case("{{if}}{{end}}", null, "template: :1: missing value for if"),
        new Case("{{template .X}}", null, "template: :1: unexpected \".X\" in template clause"),
        new Case("{{template \"\\q\"}}", null, "template: :1: invalid syntax"),
        new Case("{{.X | 3}}", null, "template: :1: non executable command in pipeline stage 2"),
        new Case("{{define \"a\"}}{{define \"b\"}}{{end}}{{end}}", null, "template: :1: unexpected <define> in command"),
        new Case("{{print 99999999999999999999}}", null, "template: :1: integer overflow: 99999999999999999999"),
        new Case("{{'ab'}}", null, "template: :1: malformed character constant: 'ab'"),
        new Case("{{print 1i}}", null, "template: :1: complex constants are not supported: 1i"));
  }

  static Stream<Case> execErrors() {
    return Stream.of(
        new Case("{{.Foo.Bar}}", map("Foo", null),
            "template: :1:6: executing \"\" at <.Foo.Bar>: nil pointer evaluating interface {}.Bar"),
        new Case("{{.X.Y}}", T, "template: :1:4: executing \"\" at <.X.Y>: can't evaluate field Y in type string"),
        new Case("{{.SI.Y}}", T, "template: :1:5: executing \"\" at <.SI.Y>: can't evaluate field Y in type []interface {}"),
        new Case("a\n  {{.X.Y}}", T, "template: :2:6: executing \"\" at <.X.Y>: can't evaluate field Y in type string"),
        new Case("é{{.X.Y}}", T, "template: :1:6: executing \"\" at <.X.Y>: can't evaluate field Y in type string"),
        new Case("{{index .SI 10}}", T,
            "template: :1:2: executing \"\" at <index .SI 10>: error calling index: index out of range: 10"),
        new Case("{{index .MSI 10}}", T,
            "template: :1:2: executing \"\" at <index .MSI 10>: error calling index: value has type int; should be string"),
        new Case("{{len 3}}", T, "template: :1:2: executing \"\" at <len 3>: error calling len: len of type int"),
        new Case("{{upper 3}}", T, "template: :1:8: executing \"\" at <3>: expected string; found 3"),
        new Case("{{upper .I}}", T, "template: :1:8: executing \"\" at <.I>: wrong type for value; expected string; got int"),
        new Case("{{upper .Nope}}", T, "template: :1:8: executing \"\" at <.Nope>: invalid value; expected string"),
        new Case("{{.I | upper}}", T, "template: :1:7: executing \"\" at <upper>: wrong type for value; expected string; got int"),
        new Case("{{upper \"a\" \"b\"}}", T, "template: :1:2: executing \"\" at <upper>: wrong number of args for upper: want 1 got 2"),
        new Case("{{eq 1}}", T, "template: :1:2: executing \"\" at <eq 1>: error calling eq: missing argument for comparison"),
        new Case("{{and}}", T, "template: :1:2: executing \"\" at <and>: wrong number of args for and: want at least 1 got 0"),
        new Case("{{eq \"x\" 1}}", T, "template: :1:2: executing \"\" at <eq \"x\" 1>: error calling eq: incompatible types for comparison"),
        new Case("{{lt true false}}", T, "template: :1:2: executing \"\" at <lt true false>: error calling lt: invalid type for comparison"),
        new Case("{{template \"nope\"}}", T, "template: :1:11: executing \"\" at <{{template \"nope\"}}>: template \"nope\" not defined"),
        new Case("{{define \"x\"}}{{.A.B}}{{end}}{{template \"x\" .}}", map("A", null),
            "template: :1:18: executing \"x\" at <.A.B>: nil pointer evaluating interface {}.B"),
        new Case("{{.MSI.one 1}}", T, "template: :1:6: executing \"\" at <.MSI.one>: one is not a method but has arguments"),
        new Case("{{nil}}", T, "template: :1:2: executing \"\" at <nil>: nil is not a command"),
        new Case("{{1 2}}", T, "template: :1:2: executing \"\" at <1>: can't give argument to non-function 1"),
        new Case("{{range 1.5}}{{end}}", T, "template: :1:8: executing \"\" at <1.5>: range can't iterate over 1.5"),
        new Case("{{range $i, $v := 3}}{{end}}", T,
            "template: :1:18: executing \"\" at <3>: can't use 3 to iterate over more than one variable"),
        new Case("{{.MyError true}}", T, "template: :1:2: executing \"\" at <.MyError>: error calling MyError: my error"),
        new Case("{{(nil).X}}", T, "template: :1:3: executing \"\" at <nil>: nil is not a command"),
        new Case("{{pad .S -1 0}}", map("S", "x"),
            "template: :1:2: executing \"\" at <pad .S -1 0>: error calling pad: strings: negative Repeat count"),
        new Case("{{join .L \",\"}}", map("L", TemplateTest.list(1)),
            "template: :1:7: executing \"\" at <.L>: wrong type for value; expected []string; got []interface {}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parseErrors")
  void parseErrorsReadAsGo(Case c) {
    TemplateException e = assertThrows(TemplateException.class, () -> Template.parse(c.template()));
    assertEquals(c.message(), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("execErrors")
  void execErrorsReadAsGo(Case c) {
    Template t = Template.parse(c.template());
    TemplateException e = assertThrows(TemplateException.class, () -> t.execute(c.data()));
    assertEquals(c.message(), e.getMessage());
  }

  @Test
  void missingKeyPrintsNoValue() {
    // Go's TestMissingMapKey with the default missingkey option.
    assertEquals("99 <no value>", Template.parse("{{.x}} {{.y}}").execute(map("x", 99)));
  }

  @Test
  void outputBeforeAnErrorStays() {
    StringBuilder out = new StringBuilder();
    assertThrows(TemplateException.class, () -> Template.parse("ok {{len 3}}").execute(T, out));
    assertEquals("ok ", out.toString());
  }
}
