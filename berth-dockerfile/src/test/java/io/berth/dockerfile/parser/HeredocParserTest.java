package io.berth.dockerfile.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.dockerfile.DockerfileException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BuildKit's parser_heredoc_test.go. */
class HeredocParserTest {

  private static Heredoc doc(String name, String content, boolean expand) {
    return new Heredoc(name, 0, expand, false, content);
  }

  private static Heredoc chomped(String name, String content, boolean expand) {
    return new Heredoc(name, 0, expand, true, content);
  }

  @Test
  void extractsHeredocs() {
    String df = """

        FROM alpine:3.6

        ENV NAME=me

        RUN ls

        USER <<INVALID
        INVALID

        RUN <<EMPTY
        EMPTY

        RUN 3<<EMPTY2
        EMPTY2

        RUN "<<NOHEREDOC"

        RUN <<INDENT
        \tfoo
        \tbar
        INDENT

        RUN <<-UNINDENT
        \tbaz
        \tquux
        UNINDENT

        RUN <<-UNINDENT2
        \tbaz
        \tquux
        \tUNINDENT2

        RUN <<-EXPAND
        \texpand $NAME
        EXPAND

        RUN <<-'NOEXPAND'
        \tdon't expand $NAME
        NOEXPAND

        RUN <<COPY
        echo hello world
        echo foo bar
        COPY

        RUN <<COMMENT
        # internal comment
        echo hello world
        echo foo bar # trailing comment
        COMMENT

        RUN --mount=type=cache,target=/foo <<MOUNT
        echo hello
        MOUNT

        COPY <<FILE1 <<FILE2 /dest
        content 1
        FILE1
        content 2
        FILE2

        COPY <<EOF /quotes
        "foo"
        'bar'
        EOF

        COPY <<X <<Y /dest
        Y
        X
        X
        Y

        RUN <<COMPLEX python3
        print('hello world')
        COMPLEX

        COPY <<file.txt /dest
        hello world
        file.txt

        RUN <<eo'f'
        echo foo
        eof

        RUN <<eo\\'f
        echo foo
        eo'f

        RUN <<'e'o\\'f
        echo foo
        eo'f

        RUN <<'one two'
        echo bar
        one two

        RUN <<$EOF
        $EOF

        RUN <<  EOF
        EOF

        RUN <<  EOF  > foo
        EOF
        \t""";
    List<List<Heredoc>> expected = List.of(
        List.of(), List.of(), List.of(), List.of(),
        List.of(doc("EMPTY", "", true)),
        List.of(new Heredoc("EMPTY2", 3, true, false, "")),
        List.of(),
        List.of(doc("INDENT", "\tfoo\n\tbar\n", true)),
        List.of(chomped("UNINDENT", "\tbaz\n\tquux\n", true)),
        List.of(chomped("UNINDENT2", "\tbaz\n\tquux\n", true)),
        List.of(chomped("EXPAND", "\texpand $NAME\n", true)),
        List.of(chomped("NOEXPAND", "\tdon't expand $NAME\n", false)),
        List.of(doc("COPY", "echo hello world\necho foo bar\n", true)),
        List.of(doc("COMMENT", "# internal comment\necho hello world\necho foo bar # trailing comment\n", true)),
        List.of(doc("MOUNT", "echo hello\n", true)),
        List.of(doc("FILE1", "content 1\n", true), doc("FILE2", "content 2\n", true)),
        List.of(doc("EOF", "\"foo\"\n'bar'\n", true)),
        List.of(doc("X", "Y\n", true), doc("Y", "X\n", true)),
        List.of(doc("COMPLEX", "print('hello world')\n", true)),
        List.of(doc("file.txt", "hello world\n", true)),
        List.of(doc("eof", "echo foo\n", false)),
        List.of(doc("eo'f", "echo foo\n", true)),
        List.of(doc("eo'f", "echo foo\n", false)),
        List.of(doc("one two", "echo bar\n", false)),
        List.of(doc("$EOF", "", true)),
        List.of(doc("EOF", "", true)),
        List.of(doc("EOF", "", true)));
    ParseResult result = DockerfileParser.parse(df);
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), result.ast().children().get(i + 1).heredocs(), "instruction " + (i + 1));
    }
  }

  @Test
  void jsonFormHasNoHeredocs() {
    ParseResult result = DockerfileParser.parse("\nFROM alpine:3.6\n\nRUN [\"whoami\"]\nRUN [\"<<EOF\"]\nRUN [\"<<'EOF'\"]\n\t");
    for (int i = 1; i <= 3; i++) {
      assertTrue(result.ast().children().get(i).heredocs().isEmpty());
    }
  }

  @Test
  void chomp() {
    assertEquals("hello\nworld\n", DockerfileParser.chompHeredocContent("\thello\n\tworld\n"));
  }

  @Test
  void helpers() {
    for (String src : List.of("<<EOF", "<<'EOF'", "<<\"EOF\"", "<<-EOF", "<<-'EOF'", "<<-\"EOF\"", "<<EO\"F\"",
        "<< EOF", "<<- EOF")) {
      Heredoc h = DockerfileParser.parseHeredoc(src);
      assertNotNull(h, src);
      assertEquals("EOF", h.name(), src);
    }
    for (String src : List.of("<<'EOF", "<<\"EOF", "<<EOF'", "<<EOF\"")) {
      assertThrows(DockerfileException.class, () -> DockerfileParser.parseHeredoc(src), src);
    }
    for (String src : List.of("", "EOF", "<<", "<<-", "<EOF", "<<<EOF", "<<EOF sh")) {
      assertNull(DockerfileParser.parseHeredoc(src), src);
    }
  }

  @Test
  void heredocsFromLine() {
    record Case(String line, List<String> names) {}
    for (Case c : List.of(new Case("RUN <<EOF", List.of("EOF")), new Case("RUN <<-EOF", List.of("EOF")),
        // the line lexer splits "<<-" from "EOF" (BuildKit's own test only checks what it finds)
        new Case("RUN <<- EOF", List.of()), new Case("RUN << -EOF", List.of("-EOF")),
        new Case("RUN <<'EOF'", List.of("EOF")), new Case("RUN 4<<EOF", List.of("EOF")),
        new Case("RUN <<EOF <<EOF2", List.of("EOF", "EOF2")), new Case("RUN '<<EOF'", List.of()),
        new Case("RUN \"<<EOF\"", List.of()))) {
      assertEquals(c.names(), DockerfileParser.heredocsFromLine(c.line()).stream().map(Heredoc::name).toList(), c.line());
    }
  }

  @Test
  void unterminatedHeredoc() {
    DockerfileException e = assertThrows(DockerfileException.class,
        () -> DockerfileParser.parse("FROM x\nRUN <<EOF\necho hi\n"));
    assertEquals("unterminated heredoc", e.getMessage());
    assertEquals(2, e.location().orElseThrow().start());
  }

  @Test
  void onbuildHeredoc() {
    ParseResult r = DockerfileParser.parse("FROM x\nONBUILD RUN <<EOF\necho hi\nEOF\n");
    assertEquals(List.of(doc("EOF", "echo hi\n", true)), r.ast().children().get(1).heredocs());
    assertEquals(4, r.ast().children().get(1).endLine());
  }
}
