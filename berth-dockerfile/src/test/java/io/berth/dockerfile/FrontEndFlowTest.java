package io.berth.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.berth.dockerfile.args.BuildArgs;
import io.berth.dockerfile.args.Platform;
import io.berth.dockerfile.instructions.Copy;
import io.berth.dockerfile.instructions.Env;
import io.berth.dockerfile.instructions.Instruction;
import io.berth.dockerfile.instructions.Run;
import io.berth.dockerfile.request.BuildRequest;
import io.berth.dockerfile.request.BuildRequestDecoder;
import io.berth.dockerfile.shell.EnvGetter;
import io.berth.dockerfile.shell.ShellLex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole front end on one realistic request, in the order an executor will call it. */
class FrontEndFlowTest {
  static final Platform HOST = new Platform("linux", "amd64", "", "");

  static final String DOCKERFILE = """
      # syntax=docker/dockerfile:1
      # escape=`
      ARG GO_VERSION=1.22
      FROM golang:${GO_VERSION} AS build
      ARG TARGETOS
      ARG TARGETARCH
      WORKDIR /src
      COPY go.mod go.sum ./
      RUN --mount=type=cache,target=/go/pkg/mod `
          go mod download
      COPY . .
      RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .

      FROM alpine AS docs
      RUN echo unused

      FROM busybox
      ARG VERSION=dev
      ENV APP_VERSION=${VERSION}
      COPY --from=build /out/app /usr/local/bin/app
      COPY <<EOF /etc/app.conf
      version=${VERSION}
      EOF
      ENTRYPOINT ["app"]
      """;

  @Test
  void requestToDispatchableInstructions() {
    BuildRequest request = BuildRequestDecoder.decode(Map.of("t", List.of("example/app:1"),
        "buildargs", List.of("{\"VERSION\":\"1.0\"}"), "labels", List.of("{\"org.example\":\"yes\"}")), null, 50, HOST);
    Dockerfile df = Dockerfile.read(request.dockerfile(), DOCKERFILE.getBytes(StandardCharsets.UTF_8));
    assertEquals('`', df.escapeToken());
    assertEquals("docker/dockerfile:1", df.parsed().syntax().orElseThrow());

    BuildArgs global = BuildArgs.global(request.buildArgs(), BuildArgs.platformArgs(HOST, HOST, request.target()));
    ShellLex lex = new ShellLex(df.escapeToken());
    Expansion.declareMeta(df.metaArgs(), global, lex);
    StageGraph graph = StageGraph.build(df, global.metaValues(), HOST);
    List<Stage> needed = graph.needed(graph.target(request.target()));
    assertEquals(List.of("build", ""), needed.stream().map(Stage::name).toList()); // "docs" is skipped
    assertEquals("golang:1.22", graph.stage(0).baseName());

    Stage last = Dockerfile.withRequestLabels(needed.getLast(), request.labels());
    List<Instruction> dispatched = new ArrayList<>();
    List<String> env = new ArrayList<>(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
    BuildArgs scope = global.forStage();
    for (Instruction i : last.instructions()) {
      List<String> visible = new ArrayList<>(env);
      visible.addAll(scope.filterAllowed(env));
      Instruction expanded = Expansion.expand(i, lex, EnvGetter.fromList(visible));
      if (expanded instanceof io.berth.dockerfile.instructions.Arg arg) {
        Expansion.declare(arg, scope, lex, EnvGetter.fromList(visible));
      } else if (expanded instanceof Env e) {
        e.pairs().forEach(p -> env.add(p.key() + "=" + p.value()));
      }
      dispatched.add(expanded);
    }
    assertEquals("APP_VERSION=1.0", assertInstanceOf(Env.class, dispatched.get(1)).pairs().getFirst().toString());
    Copy conf = assertInstanceOf(Copy.class, dispatched.get(3));
    assertEquals("version=1.0\n", conf.files().sourceContents().getFirst().data());
    assertEquals("LABEL org.example=yes", dispatched.getLast().code());
    assertEquals(1 + 2 + 7 + 5, df.totalSteps(needed)); // the meta arg, two FROMs, 7 + 5 instructions

    Run run = assertInstanceOf(Run.class, Expansion.expand(needed.getFirst().instructions().get(4), lex, EnvGetter.EMPTY));
    assertEquals("RUN --mount=type=cache,target=/go/pkg/mod     go mod download", run.code());
    assertEquals("/go/pkg/mod", run.mounts().getFirst().target());
  }
}
