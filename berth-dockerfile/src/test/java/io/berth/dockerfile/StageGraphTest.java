package io.berth.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.dockerfile.args.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StageGraphTest {
  static final Platform HOST = new Platform("linux", "amd64", "", "");

  static StageGraph graph(String dockerfile, Map<String, String> meta) {
    return StageGraph.build(Dockerfile.parse(dockerfile), meta, HOST);
  }

  static String error(String dockerfile) {
    return assertThrows(DockerfileException.class, () -> {
      StageGraph g = graph(dockerfile, Map.of());
      g.needed(g.target(""));
    }).getMessage();
  }

  static final String MULTI = """
      FROM golang AS deps
      RUN go mod download
      FROM deps AS build
      RUN --mount=type=cache,target=/root/.cache,from=cache go build
      FROM alpine AS cache
      FROM node AS web
      RUN npm ci
      FROM scratch AS test
      COPY --from=build /out /out
      FROM busybox
      COPY --from=build /out /bin/
      COPY --from=web /dist /www
      COPY --from=nginx:latest /etc/nginx /etc/nginx
      """;

  @Test
  void resolvesBasesAndSources() {
    StageGraph g = graph(MULTI, Map.of());
    assertEquals(Optional.of(0), g.stage(1).baseStage());
    assertEquals(Set.of(0, 2), g.dependencies(1)); // its base, and the cache mount's from=
    assertEquals(Set.of(1, 3), g.dependencies(5));
    assertEquals(Set.of("nginx:latest", "busybox"), g.images(5));
    assertEquals(Set.of("golang"), g.images(0));
  }

  @Test
  void targetNeedsOnlyWhatItReads() {
    StageGraph g = graph(MULTI, Map.of());
    assertEquals(List.of("deps", "build", "cache", "web", ""),
        g.needed(g.target("")).stream().map(Stage::name).toList());
    assertEquals(List.of("deps", "build", "cache", "test"), g.needed(g.target("TEST")).stream().map(Stage::name).toList());
    assertEquals(List.of("web"), g.needed(g.target("web")).stream().map(Stage::name).toList());
    assertEquals("target stage \"tset\" could not be found (did you mean test?)",
        assertThrows(DockerfileException.class, () -> g.target("tset")).getMessage());
  }

  @Test
  void baseNamesExpandWithMetaArgs() {
    StageGraph g = graph("ARG BASE\nFROM busybox AS b\nFROM ${BASE:-alpine}\nFROM $BASE\n", Map.of("BASE", "B"));
    assertEquals("B", g.stage(1).baseName());
    assertEquals(Optional.of(0), g.stage(1).baseStage()); // stage names match case-insensitively
    assertEquals("base name ($NOPE) should not be blank",
        assertThrows(DockerfileException.class, () -> graph("FROM $NOPE", Map.of())).getMessage());
  }

  @Test
  void platforms() {
    StageGraph g = graph("FROM --platform=$BUILDPLATFORM golang\nFROM --platform=linux/arm/v7 alpine", Map.of("BUILDPLATFORM", "linux/amd64"));
    assertEquals(Optional.of(HOST), g.stage(0).platform());
    assertEquals(Optional.of(new Platform("linux", "arm", "v7", "")), g.stage(1).platform());
    assertEquals("empty platform value from expression $P",
        assertThrows(DockerfileException.class, () -> graph("FROM --platform=$P x", Map.of())).getMessage());
    assertEquals("failed to parse platform foo: \"foo\": unknown operating system or architecture: invalid argument",
        assertThrows(DockerfileException.class, () -> graph("FROM --platform=foo x", Map.of())).getMessage());
  }

  @Test
  void buildKitsErrors() {
    assertEquals("variable expansion is not supported for --from, define a new stage with FROM using ARG from global "
        + "scope as a workaround", error("FROM x\nCOPY --from=$X a b"));
    assertEquals("invalid stage index 5", error("FROM x\nCOPY --from=5 a b"));
    assertEquals("circular dependency detected on stage: a", error("FROM x AS a\nCOPY --from=b a b\nFROM x AS b\nCOPY --from=a a b"));
    assertEquals("circular dependency detected on stage: ", error("FROM x\nCOPY --from=0 a b"));
    assertEquals("cannot copy from stage \"later\", it needs to be defined before current stage \"stage-0\"",
        error("FROM x\nCOPY --from=later a b\nFROM y AS later\nFROM z\nCOPY --from=0 a b"));
    assertEquals("a stage name already used", error("FROM x AS a\nFROM y AS a"));
    assertEquals("dockerfile contains no stages to build",
        assertThrows(DockerfileException.class, () -> graph("ARG A\n", Map.of())).getMessage());
  }

  @Test
  void onbuildTriggersOfABaseStageAddTheirSources() {
    StageGraph g = graph("FROM x AS assets\nFROM x AS base\nONBUILD COPY --from=assets /a /a\nFROM base\n", Map.of());
    assertEquals(Set.of(0, 1), g.dependencies(2));
    assertEquals(3, g.needed(g.target("")).size());
  }
}
