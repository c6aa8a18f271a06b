package io.berth.dockerfile.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.dockerfile.DockerfileException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BuildKit's parser_test.go, json_test.go, line_parsers_test.go and directives_test.go. */
class ParserTest {
  private static String parseError(String dockerfile) {
    return assertThrows(DockerfileException.class, () -> DockerfileParser.parse(dockerfile)).getMessage();
  }

  @Test
  void parseWords() {
    Map<String, List<String>> cases = Map.of(
        "foo", List.of("foo"),
        "foo bar", List.of("foo", "bar"),
        "foo\\ bar", List.of("foo\\ bar"),
        "foo=bar", List.of("foo=bar"),
        "foo bar 'abc xyz'", List.of("foo", "bar", "'abc xyz'"),
        "foo bar \"abc xyz\"", List.of("foo", "bar", "\"abc xyz\""),
        "àöû", List.of("àöû"),
        "föo bàr \"âbc xÿz\"", List.of("föo", "bàr", "\"âbc xÿz\""));
    cases.forEach((input, expected) -> assertEquals(expected, LineParsers.parseWords(input, '\\'), input));
  }

  @Test
  void jsonArraysOfStrings() {
    Map<String, List<String>> valid = Map.of(
        "[]", List.of(), "[\"\"]", List.of(""), "[\"a\"]", List.of("a"), "[\"a\",\"b\"]", List.of("a", "b"),
        "[ \"a\", \"b\" ]", List.of("a", "b"), "[\t\"a\",\t\"b\"\t]", List.of("a", "b"),
        "\t[\t\"a\",\t\"b\"\t]\t", List.of("a", "b"),
        "[\"abc 123\", \"♥\", \"☃\", \"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0000\"]",
        List.of("abc 123", "♥", "☃", "\" \\ / \b \f \n \r \t \u0000"));
    valid.forEach((json, expected) -> assertEquals(expected, LineParsers.parseJson(json), json));
    for (String json : List.of("[\"a\",42,\"b\"]", "[\"a\",123.456,\"b\"]", "[\"a\",{},\"b\"]",
        "[\"a\",{\"c\": \"d\"},\"b\"]", "[\"a\",[\"c\"],\"b\"]", "[\"a\",true,\"b\"]", "[\"a\",false,\"b\"]",
        "[\"a\",null,\"b\"]")) {
      assertEquals(LineParsers.NOT_STRING_ARRAY,
          assertThrows(DockerfileException.class, () -> LineParsers.parseJson(json)).getMessage());
    }
    assertNull(LineParsers.parseJson("[\"a\"] trailing"));
    assertNull(LineParsers.parseJson("['a']"));
  }

  @Test
  void nameValForms() {
    assertEquals("label \"foo\" \"bar\" \"\"", DockerfileParser.parse("LABEL foo bar").ast().children().getFirst().dump());
    assertEquals("label \"foo\" \"bar\" \"=\" \"thing\" \"star\" \"=\"",
        DockerfileParser.parse("LABEL foo=bar thing=star").ast().children().getFirst().dump());
    assertEquals("ENV must have two arguments", parseError("ENV foo"));
    assertEquals("Syntax error - can't find = in \"b\". Must be of the form: name=value", parseError("ENV a=1 b"));
  }

  @Test
  void emptyContinuationLinesWarn() {
    String df = """

        FROM alpine:3.6

        RUN valid \\
            continuation

        RUN something \\

            following \\

            more

        RUN another \\

            thing

        RUN non-indented \\
        # this is a comment
           after-comment

        RUN indented \\
            # this is an indented comment
            comment
        \t""";
    ParseResult result = DockerfileParser.parse(df);
    assertEquals(2, result.warnings().size());
    assertTrue(result.warnings().get(0).shortText().contains("Empty continuation line found in"));
    assertTrue(result.warnings().get(0).shortText().contains("RUN something     following     more"));
    assertTrue(result.warnings().get(1).shortText().contains("RUN another     thing"));
    assertTrue(result.warnings().get(0).detail().contains("will become errors in a future release"));
    assertEquals("[WARNING]: Empty continuation lines will become errors in a future release.",
        result.warningLines().getLast());
  }

  @Test
  void lineTooLong() {
    String label = "a".repeat(64 * 1024);
    DockerfileException e = assertThrows(DockerfileException.class,
        () -> DockerfileParser.parse("\n\t\tFROM image\n\t\tLABEL test=" + label + "\n"));
    assertEquals("dockerfile line greater than max allowed size of 65535", e.getMessage());
    assertEquals(2, DockerfileParser.parse("FROM x\nLABEL a=" + "b".repeat(65535 - 8) + "\n").ast().children().size());
  }

  @Test
  void noInstructions() {
    assertEquals("file with no instructions", parseError("# only a comment\n\n"));
  }

  @Test
  void directives() {
    DirectiveParser parser = new DirectiveParser();
    List<Directive> d = parser.parseAll("#escape=\\\n# key = FOO bar\n\n# smth\n");
    assertEquals(List.of(new Directive("escape", "\\", 1)), d);
    d = new DirectiveParser().parseAll("# EScape=\\\n# KEY = FOO bar\n\n# smth\n");
    assertEquals(List.of(new Directive("escape", "\\", 1)), d);
    assertEquals("only one escape parser directive can be used", parseError("# escape=`\n# escape=`\nFROM x"));
    assertEquals("invalid escape token '$' does not match ` or \\", parseError("# escape=$\nFROM x"));
  }

  @Test
  void directivesStopAtTheFirstOtherLine() {
    // after a comment, an empty line or an instruction, "# escape=`" is only a comment
    for (String df : List.of("# about\n# escape=`\nFROM x\nRUN a `\nb", "\n# escape=`\nFROM x\nRUN a `\nb",
        "FROM x\n# escape=`\nRUN a `\nb", "# unknown=1\n# escape=`\nFROM x\nRUN a `\nb")) {
      assertEquals('\\', DockerfileParser.parse(df).escapeToken(), df);
    }
    ParseResult r = DockerfileParser.parse("# syntax=docker/dockerfile:1\n# escape=`\nFROM x\nRUN a `\nb");
    assertEquals('`', r.escapeToken());
    assertEquals("run \"a b\"", r.ast().children().get(1).dump());
    assertEquals("docker/dockerfile:1", r.syntax().orElseThrow());
    assertTrue(r.ast().children().getFirst().prevComment().isEmpty());
  }

  @Test
  void detectSyntax() {
    assertEquals(new Directive("syntax", "dockerfile:experimental", 1),
        DirectiveParser.detectSyntax("# syntax = dockerfile:experimental // opts\nFROM busybox\n").orElseThrow());
    assertEquals(2, DirectiveParser.detectSyntax("#!/bin/sh\n# syntax = dockerfile:experimental\nFROM busybox\n")
        .orElseThrow().line());
    assertFalse(DirectiveParser.detectSyntax("#!/bin/sh\n\n# syntax = dockerfile:experimental\n").isPresent());
    assertFalse(DirectiveParser.detectSyntax("FROM busybox\nRUN ls\n").isPresent());
    assertEquals("foo", DirectiveParser.detectSyntax("//syntax=foo\n//key=value").orElseThrow().value());
    assertEquals("x", DirectiveParser.detectSyntax("#!/bin/sh\n//syntax=x").orElseThrow().value());
    assertEquals("myfrontend", DirectiveParser.detectSyntax("\uFEFF# syntax = myfrontend\nFROM busybox\n").orElseThrow().value());
  }

  @Test
  void byteOrderMarkIsDropped() {
    assertEquals("from \"busybox\"", DockerfileParser.parse("\uFEFFFROM busybox").ast().children().getFirst().dump());
  }

  @Test
  void commentsAreAttachedToTheNextInstruction() {
    ParseResult r = DockerfileParser.parse("# one\n#   two  \nFROM x\n#\nRUN a\n");
    assertEquals(List.of("one", "two"), r.ast().children().get(0).prevComment());
    assertEquals(List.of(), r.ast().children().get(1).prevComment());
  }

  @Test
  void flagsAreParsedForEveryInstruction() {
    Node n = DockerfileParser.parse("COPY --from=a --chown=\"x y\" -- --odd /d").ast().children().getFirst();
    assertEquals(List.of("--from=a", "--chown=x y"), n.flags());
    assertEquals(List.of("--odd", "/d"), n.args());
    assertEquals("COPY --from=a --chown=\"x y\" -- --odd /d", n.original());
  }

  @Test
  void unknownInstructionsStillParse() {
    Node n = DockerfileParser.parse("RUNN foo").ast().children().getFirst();
    assertEquals("RUNN", n.value());
  }
}
