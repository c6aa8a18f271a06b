package io.berth.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.dockerfile.instructions.Arg;
import io.berth.dockerfile.instructions.Copy;
import io.berth.dockerfile.instructions.Label;
import io.berth.dockerfile.instructions.Run;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileTest {

  static String error(String dockerfile) {
    return assertThrows(DockerfileException.class, () -> Dockerfile.parse(dockerfile)).getMessage();
  }

  @Test
  void stagesAndMetaArgs() {
    Dockerfile df = Dockerfile.parse("""
        ARG BASE=busybox
        ARG TAG
        FROM ${BASE}:${TAG:-latest} AS Build
        RUN echo hi
        COPY a b
        FROM scratch
        COPY --from=build /b /b
        """);
    assertEquals(2, df.metaArgs().size());
    assertEquals(2, df.stages().size());
    Stage build = df.stages().getFirst();
    assertEquals("build", build.name());
    assertEquals("FROM ${BASE}:${TAG:-latest} AS Build", build.from().code());
    assertInstanceOf(Run.class, build.instructions().get(0));
    assertInstanceOf(Copy.class, build.instructions().get(1));
    assertEquals("stage-1", df.stages().get(1).displayName());
    assertEquals(2 + 2 + 3, df.totalSteps(df.stages()));
  }

  @Test
  void errorsNameTheLine() {
    assertEquals("dockerfile parse error on line 3: unknown instruction: RUNN (did you mean RUN?)",
        error("FROM busybox\n\nRUNN echo hi\n"));
    assertEquals("dockerfile parse error on line 1: FROM requires either one or three arguments", error("FROM a b"));
    assertEquals("dockerfile parse error on line 2: unknown flag: --foo (did you mean from?)",
        error("FROM x\nCOPY --foo=bar a b\n"));
    assertEquals("dockerfile parse error on line 2: unknown flag: --chmod", error("FROM x\nRUN --chmod=1 true"));
    assertEquals("no build stage in current context", error("RUN echo"));
    assertEquals("no build stage in current context", error("ARG a\nRUN echo"));
  }

  @Test
  void readUsesDockerdsWords() {
    assertEquals("the Dockerfile (Dockerfile) cannot be empty",
        assertThrows(DockerfileException.class, () -> Dockerfile.read("Dockerfile", new byte[0])).getMessage());
    assertEquals("failed to parse Dockerfile: file with no instructions",
        assertThrows(DockerfileException.class, () -> Dockerfile.read("Dockerfile", "# hi\n".getBytes(StandardCharsets.UTF_8))).getMessage());
    assertEquals("failed to parse df: unterminated heredoc", assertThrows(DockerfileException.class,
        () -> Dockerfile.read("df", "FROM x\nRUN <<EOF\n".getBytes(StandardCharsets.UTF_8))).getMessage());
  }

  @Test
  void requestLabelsGoLastSortedAndUnexpanded() {
    Dockerfile df = Dockerfile.parse("FROM x\nRUN true\n");
    Stage stage = Dockerfile.withRequestLabels(df.stages().getLast(), Map.of("b", "$2", "a", "1"));
    assertEquals(List.of("RUN true", "LABEL a=1", "LABEL b=$2"), stage.instructions().stream().map(i -> i.code()).toList());
    assertEquals(true, assertInstanceOf(Label.class, stage.instructions().getLast()).noExpand());
  }

  @Test
  void metaArgsAreArgs() {
    Arg a = Dockerfile.parse("ARG A=1 B\nFROM x").metaArgs().getFirst();
    assertEquals("ARG A=1 B", a.commitText());
  }
}
