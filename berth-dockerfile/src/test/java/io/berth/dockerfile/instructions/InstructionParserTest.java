package io.berth.dockerfile.instructions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.dockerfile.DockerfileException;
import io.berth.dockerfile.parser.DockerfileParser;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** BuildKit's instructions/parse_test.go and parse_heredoc_test.go, and each instruction's record. */
class InstructionParserTest {

  static Instruction parse(String line) {
    return InstructionParser.parse(DockerfileParser.parse(line).ast().children().getFirst());
  }

  static String error(String line) {
    return assertThrows(DockerfileException.class, () -> parse(line)).getMessage();
  }

  @ParameterizedTest
  @ValueSource(strings = {"MAINTAINER", "WORKDIR", "USER", "STOPSIGNAL"})
  void exactlyOneArgument(String command) {
    assertEquals(command + " requires exactly one argument", error(command));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ENV", "LABEL", "ONBUILD", "HEALTHCHECK", "EXPOSE", "VOLUME"})
  void atLeastOneArgument(String command) {
    assertEquals(command + " requires at least one argument", error(command));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ADD", "COPY"})
  void noDestination(String command) {
    assertEquals(command + " requires at least two arguments, but only one was provided. Destination could not be determined",
        error(command + " arg1"));
  }

  @Test
  void healthcheckShellForm() {
    Healthcheck hc = assertInstanceOf(Healthcheck.class, parse("HEALTHCHECK CMD hello world"));
    assertEquals(List.of("CMD-SHELL", "hello world"), hc.health().test());
  }

  @Test
  void healthcheckFlags() {
    Healthcheck hc = assertInstanceOf(Healthcheck.class,
        parse("HEALTHCHECK --interval=5s --timeout=3s --start-period=1m --start-interval=500ms --retries=3 CMD [\"/check\"]"));
    assertEquals(new HealthConfig(List.of("CMD", "/check"), Duration.ofSeconds(5), Duration.ofSeconds(3),
        Duration.ofMinutes(1), Duration.ofMillis(500), 3), hc.health());
    assertEquals(List.of("NONE"), assertInstanceOf(Healthcheck.class, parse("HEALTHCHECK NONE")).health().test());
    assertEquals("HEALTHCHECK NONE takes no arguments", error("HEALTHCHECK NONE x"));
    assertEquals("Unknown type \"CONNECT\" in HEALTHCHECK (try CMD)", error("HEALTHCHECK CONNECT TCP 7000"));
    assertEquals("Missing command after HEALTHCHECK CMD", error("HEALTHCHECK CMD"));
    assertEquals("Interval \"interval\" cannot be less than 1ms", error("HEALTHCHECK --interval=50ns CMD x"));
    assertEquals("time: invalid duration \"x\"", error("HEALTHCHECK --timeout=x CMD x"));
    assertEquals("--retries cannot be negative (-1)", error("HEALTHCHECK --retries=-1 CMD x"));
    assertEquals("strconv.ParseInt: parsing \"x\": invalid syntax", error("HEALTHCHECK --retries=x CMD x"));
    assertEquals(Duration.ZERO, assertInstanceOf(Healthcheck.class, parse("HEALTHCHECK --interval=0ms CMD x")).health().interval());
  }

  @Test
  void errors() {
    String[][] cases = {
        {"COPY\t\n\t\tquux \\\n      bar", "COPY requires at least two arguments"},
        {"ONBUILD FROM scratch", "FROM isn't allowed as an ONBUILD trigger"},
        {"ONBUILD MAINTAINER me", "MAINTAINER isn't allowed as an ONBUILD trigger"},
        {"MAINTAINER --boo joe@example.com", "unknown flag: --boo"},
        {"ONBUILD ONBUILD RUN touch foobar", "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"},
        {"FOO bar", "unknown instruction: FOO"},
        {"foo bar", "unknown instruction: foo"},
        {"COPY /foo <<EOF\nEOF", "COPY cannot accept a heredoc as a destination"},
        {"RUNN echo", "unknown instruction: RUNN (did you mean RUN?)"},
        {"copyy a b", "unknown instruction: copyy (did you mean copy?)"},
        {"COPY --frm=x a b", "unknown flag: --frm (did you mean from?)"},
        {"COPY --from a b", "missing a value on flag: --from"},
        {"COPY --link=maybe a b", "expecting boolean value for flag --link, not: maybe"},
        {"COPY --link= a b", "missing a value on flag: --link"},
        {"COPY --from=a --from=b a b", "duplicate flag specified: --from"},
        {"FROM a b", "FROM requires either one or three arguments"},
        {"FROM a AS 1x", "invalid name for build stage: \"1x\", name can't start with a number or contain symbols"},
        {"SHELL sh -c", "SHELL requires the arguments to be in JSON form"},
        {"SHELL []", "SHELL requires at least one argument"},
        {"VOLUME [\"\"]", "VOLUME specified can not be an empty string"},
        {"ARG =x", "ARG names can not be blank"},
        {"RUN --network=bridge x", "invalid network mode \"bridge\""},
        {"RUN --security=privileged x", "security \"privileged\" is not valid"},
        {"RUN --mount=from=$X,target=/x x", "'from' doesn't support variable expansion, define alias stage instead"},
    };
    for (String[] c : cases) {
      String message = error(c[0]);
      assertTrue(message.startsWith(c[1]), c[0] + " -> " + message);
    }
  }

  @Test
  void errorsPointAtTheInstruction() {
    DockerfileException e = assertThrows(DockerfileException.class,
        () -> InstructionParser.parse(DockerfileParser.parse("FROM x\nRUN \\\n --foo=1 echo").ast().children().get(1)));
    assertEquals(new DockerfileException.LineRange(2, 3), e.location().orElseThrow());
  }

  @Test
  void runFlagsUsed() {
    Run run = assertInstanceOf(Run.class, parse("RUN --mount=type=tmpfs,target=/foo/ echo hello"));
    assertEquals(List.of("mount"), run.flagsUsed());
    assertEquals(List.of("type=tmpfs,target=/foo/"), run.mountSpecs());
    assertTrue(run.mounts().isEmpty());
    assertEquals("default", run.network());
    assertEquals("sandbox", run.security());
    Run host = assertInstanceOf(Run.class, parse("RUN --network=host --security=insecure [\"a\", \"b\"]"));
    assertEquals(new CommandLine(List.of("a", "b"), List.of(), false), host.command());
    assertEquals(List.of("network", "security"), host.flagsUsed());
  }

  @Test
  void copyHeredocs() {
    record Case(String dockerfile, SourcesAndDest expected) {}
    for (Case c : List.of(
        new Case("COPY /foo /bar", new SourcesAndDest("/bar", List.of("/foo"), List.of())),
        new Case("COPY <<EOF /bar\nEOF", new SourcesAndDest("/bar", List.of(), List.of(new SourceContent("EOF", "", true)))),
        new Case("COPY <<EOF /bar\nTESTING\nEOF",
            new SourcesAndDest("/bar", List.of(), List.of(new SourceContent("EOF", "TESTING\n", true)))),
        new Case("COPY <<-EOF /bar\n\tTESTING\nEOF",
            new SourcesAndDest("/bar", List.of(), List.of(new SourceContent("EOF", "TESTING\n", true)))),
        new Case("COPY <<'EOF' /bar\nTESTING\nEOF",
            new SourcesAndDest("/bar", List.of(), List.of(new SourceContent("EOF", "TESTING\n", false)))),
        new Case("COPY <<EOF1 <<EOF2 /bar\nthis is the first file\nEOF1\nthis is the second file\nEOF2",
            new SourcesAndDest("/bar", List.of(), List.of(new SourceContent("EOF1", "this is the first file\n", true),
                new SourceContent("EOF2", "this is the second file\n", true)))),
        new Case("COPY <<EOF foo.txt /bar\nthis is inline\nEOF",
            new SourcesAndDest("/bar", List.of("foo.txt"), List.of(new SourceContent("EOF", "this is inline\n", true)))),
        new Case("COPY <<EOF /quotes\n\"quotes\"\nEOF",
            new SourcesAndDest("/quotes", List.of(), List.of(new SourceContent("EOF", "\"quotes\"\n", true)))))) {
      assertEquals(c.expected(), assertInstanceOf(Copy.class, parse(c.dockerfile())).files(), c.dockerfile());
    }
  }

  @Test
  void runHeredocs() {
    record Case(String dockerfile, boolean shell, List<String> command, List<InlineFile> files) {}
    for (Case c : List.of(
        new Case("RUN [\"ls\", \"/\"]", false, List.of("ls", "/"), List.of()),
        new Case("RUN [\"<<EOF\"]", false, List.of("<<EOF"), List.of()),
        new Case("RUN ls /", true, List.of("ls /"), List.of()),
        new Case("RUN <<EOF\nls /\nwhoami\nEOF", true, List.of("<<EOF"), List.of(new InlineFile("EOF", "ls /\nwhoami\n", false))),
        new Case("RUN <<'EOF' | python\nprint(\"hello\")\nprint(\"world\")\nEOF", true, List.of("<<'EOF' | python"),
            List.of(new InlineFile("EOF", "print(\"hello\")\nprint(\"world\")\n", false))),
        new Case("RUN <<-EOF\n\techo test\nEOF", true, List.of("<<-EOF"), List.of(new InlineFile("EOF", "\techo test\n", true))))) {
      Run run = assertInstanceOf(Run.class, parse(c.dockerfile()));
      assertEquals(new CommandLine(c.command(), c.files(), c.shell()), run.command(), c.dockerfile());
    }
  }

  @Test
  void records() {
    // quotes stay until the value is expanded
    assertEquals(List.of(new KeyValue("A", "1", false), new KeyValue("B", "\"x y\"", false)),
        assertInstanceOf(Env.class, parse("ENV A=1 B=\"x y\"")).pairs());
    assertEquals(List.of(new KeyValue("A", "1 2", true)), assertInstanceOf(Env.class, parse("ENV A 1 2")).pairs());
    Arg arg = assertInstanceOf(Arg.class, parse("ARG a b=2 c="));
    assertEquals(List.of(new ArgDef("a", Optional.empty(), ""), new ArgDef("b", Optional.of("2"), ""),
        new ArgDef("c", Optional.of(""), "")), arg.args());
    assertEquals("ARG a b=2 c=", arg.commitText());
    assertEquals(List.of("443", "80/tcp", "9000"), assertInstanceOf(Expose.class, parse("EXPOSE 9000 80/tcp 443")).ports());
    Copy copy = assertInstanceOf(Copy.class,
        parse("COPY --from=build --chown=1:2 --chmod=644 --link --parents --exclude=*.md --exclude=x a b /d/"));
    assertEquals("build", copy.from());
    assertEquals(List.of("*.md", "x"), copy.excludes());
    assertTrue(copy.link() && copy.parents());
    Add add = assertInstanceOf(Add.class, parse("ADD --checksum=sha256:abc --keep-git-dir=false --unpack https://x/y.tgz /d"));
    assertEquals("sha256:abc", add.checksum());
    assertEquals(Optional.of(false), add.keepGitDir());
    assertEquals(Optional.of(true), add.unpack());
    assertEquals(Optional.empty(), assertInstanceOf(Add.class, parse("ADD a b")).unpack());
    From from = assertInstanceOf(From.class, parse("FROM --platform=$BUILDPLATFORM golang:1.22 AS Build"));
    assertEquals(new From(from.source(), "golang:1.22", "build", "$BUILDPLATFORM", ""), from);
    assertEquals(List.of("/bin/bash", "-c"), assertInstanceOf(Shell.class, parse("SHELL [\"/bin/bash\", \"-c\"]")).shell());
    assertEquals("SIGKILL", assertInstanceOf(StopSignal.class, parse("STOPSIGNAL SIGKILL")).signal());
    assertEquals(List.of("/a", "/b"), assertInstanceOf(Volume.class, parse("VOLUME [\"/a\", \"/b\"]")).volumes());
    assertEquals(new CommandLine(List.of(), List.of(), false), assertInstanceOf(Cmd.class, parse("CMD []")).command());
    assertEquals(new CommandLine(List.of("echo hi"), List.of(), true), assertInstanceOf(Entrypoint.class, parse("ENTRYPOINT echo hi")).command());
    // BuildKit's emptyAsNil: ENTRYPOINT [] is no entrypoint, CMD [] an empty command
    assertEquals(new CommandLine(null, List.of(), false), assertInstanceOf(Entrypoint.class, parse("ENTRYPOINT []")).command());
    assertEquals("me <me@x>", assertInstanceOf(Maintainer.class, parse("MAINTAINER me <me@x>")).maintainer());
  }

  @Test
  void sourceKeepsTheLogicalLine() {
    Instruction run = InstructionParser.parse(DockerfileParser.parse("FROM x\n  RUN apt-get \\\n  # note\n  install -y  \n").ast().children().get(1));
    assertEquals(new SourceInfo("RUN", "RUN apt-get   install -y", 2, 4, List.of()), run.source());
    assertEquals("RUN apt-get   install -y", run.code());
  }

  @Test
  void onbuildKeepsTheTriggerAndParsesIt() {
    Onbuild ob = assertInstanceOf(Onbuild.class, parse("onbuild  RUN echo hi"));
    assertEquals("RUN echo hi", ob.expression());
    assertInstanceOf(Run.class, ob.trigger());
    Onbuild withHeredoc = assertInstanceOf(Onbuild.class, parse("ONBUILD COPY <<EOF /f\nhello\nEOF"));
    assertEquals("COPY <<EOF /f\nhello\nEOF", withHeredoc.expression());
    assertEquals(List.of(new SourceContent("EOF", "hello\n", true)),
        assertInstanceOf(Copy.class, withHeredoc.trigger()).files().sourceContents());
    Onbuild bad = assertInstanceOf(Onbuild.class, parse("ONBUILD FOO bar"));
    assertEquals("unknown instruction: FOO (did you mean FROM?)", assertThrows(DockerfileException.class, bad::trigger).getMessage());
  }

  @Test
  void docComments() {
    assertEquals("defines first stage", assertInstanceOf(From.class,
        InstructionParser.parse(DockerfileParser.parse("# base defines first stage\nFROM busybox AS base").ast().children().getFirst())).docComment());
    Arg arg = assertInstanceOf(Arg.class, InstructionParser.parse(
        DockerfileParser.parse("# bar defines bar\n# baz is something else\nARG bar baz=123").ast().children().getFirst()));
    assertEquals("defines bar", arg.args().get(0).docComment());
    assertEquals("is something else", arg.args().get(1).docComment());
  }

  @Test
  void labelsFromTheRequestAreNotExpanded() {
    Label label = Label.fromRequest("a", "$HOME");
    assertEquals("LABEL a=$HOME", label.code());
    assertEquals(label, label.expand(w -> "x"));
    assertFalse(assertInstanceOf(Label.class, parse("LABEL a=$B")).noExpand());
  }
}
