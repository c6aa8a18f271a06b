package io.berth.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.dockerfile.args.BuildArgs;
import io.berth.dockerfile.args.Platform;
import io.berth.dockerfile.instructions.Add;
import io.berth.dockerfile.instructions.Arg;
import io.berth.dockerfile.instructions.Cmd;
import io.berth.dockerfile.instructions.Copy;
import io.berth.dockerfile.instructions.Env;
import io.berth.dockerfile.instructions.Expose;
import io.berth.dockerfile.instructions.Instruction;
import io.berth.dockerfile.instructions.KeyValue;
import io.berth.dockerfile.instructions.Mount;
import io.berth.dockerfile.instructions.Run;
import io.berth.dockerfile.instructions.User;
import io.berth.dockerfile.instructions.Workdir;
import io.berth.dockerfile.shell.EnvGetter;
import io.berth.dockerfile.shell.ShellLex;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpansionTest {
  static final EnvGetter ENV = EnvGetter.of(Map.of("HOME", "/root", "PORTS", "80 443", "U", "app", "T", "cache"));

  static Instruction expand(String instruction) {
    Dockerfile df = Dockerfile.parse("FROM x\n" + instruction);
    return Expansion.expand(df.stages().getFirst().instructions().getFirst(), new ShellLex(df.escapeToken()), ENV);
  }

  @Test
  void whichInstructionsExpandWhat() {
    assertEquals(List.of(new KeyValue("A", "/root/x y", false)), assertInstanceOf(Env.class, expand("ENV A=\"$HOME/x y\"")).pairs());
    assertEquals("/root/app", assertInstanceOf(Workdir.class, expand("WORKDIR $HOME/${U}")).path());
    assertEquals("app:app", assertInstanceOf(User.class, expand("USER ${U}:$U")).user());
    Copy copy = assertInstanceOf(Copy.class, expand("COPY --chown=$U --from=$U $HOME/a ${HOME}/b"));
    assertEquals("app", copy.chown());
    assertEquals("$U", copy.from()); // --from never expands
    assertEquals(List.of("/root/a"), copy.files().sourcePaths());
    assertEquals("/root/b", copy.files().dest());
    assertEquals(List.of("80", "443"), assertInstanceOf(Expose.class, expand("EXPOSE $PORTS")).ports());
    assertEquals(List.of("echo $HOME"), assertInstanceOf(Cmd.class, expand("CMD echo $HOME")).command().args());
    Run run = assertInstanceOf(Run.class, expand("RUN --mount=type=$T,target=$HOME/.cache echo $HOME"));
    assertEquals(List.of("echo $HOME"), run.command().args());
    assertEquals(Mount.Type.CACHE, run.mounts().getFirst().type());
    assertEquals("/root/.cache", run.mounts().getFirst().target());
    assertEquals("sha256:/root", assertInstanceOf(Add.class, expand("ADD --checksum=sha256:$HOME a b")).checksum());
  }

  @Test
  void heredocBodiesExpandUnlessTheDelimiterIsQuoted() {
    Copy copy = assertInstanceOf(Copy.class, expand("COPY <<EOF <<'RAW' /d/\n\"$HOME\" '$U'\nEOF\n$HOME\nRAW\n"));
    assertEquals("\"/root\" 'app'\n", copy.files().sourceContents().get(0).data());
    assertEquals("$HOME\n", copy.files().sourceContents().get(1).data());
  }

  @Test
  void expansionErrors() {
    assertEquals("failed to process \"${NOPE:?must be set}\": NOPE: must be set",
        assertThrows(DockerfileException.class, () -> expand("WORKDIR ${NOPE:?must be set}")).getMessage());
  }

  @Test
  void argScoping() {
    Map<String, Optional<String>> options = Map.of("VERSION", Optional.of("2.0"), "HTTP_PROXY", Optional.of("http://p"),
        "UNUSED", Optional.of("x"), "EMPTY", Optional.empty());
    Platform host = new Platform("linux", "amd64", "", "");
    BuildArgs global = BuildArgs.global(options, BuildArgs.platformArgs(host, host, ""));
    Dockerfile df = Dockerfile.parse("""
        ARG VERSION=1.0
        ARG BASE=alpine
        ARG DERIVED=${BASE}-${VERSION}
        FROM $BASE
        ARG VERSION
        ARG TARGETARCH
        ARG LOCAL=$VERSION
        ENV VERSION=env
        """);
    ShellLex lex = new ShellLex(df.escapeToken());
    Expansion.declareMeta(df.metaArgs(), global, lex);
    Map<String, String> meta = global.metaValues();
    assertEquals("2.0", meta.get("VERSION"));
    assertEquals("alpine-2.0", meta.get("DERIVED"));
    assertEquals("linux/amd64", meta.get("TARGETPLATFORM"));
    assertEquals("default", meta.get("TARGETSTAGE"));
    assertEquals("http://p", meta.get("HTTP_PROXY"));

    BuildArgs stage = global.forStage();
    assertEquals(Map.of("HTTP_PROXY", "http://p"), stage.allowedValues()); // nothing declared yet
    for (Instruction i : df.stages().getFirst().instructions()) {
      if (i instanceof Arg arg) {
        Expansion.declare(arg, stage, lex, EnvGetter.of(stage.allowedValues()));
      }
    }
    Map<String, String> values = stage.allowedValues();
    assertEquals("2.0", values.get("VERSION"));
    assertEquals("amd64", values.get("TARGETARCH"));
    assertEquals("2.0", values.get("LOCAL"));
    assertEquals(List.of("TARGETARCH=amd64", "LOCAL=2.0", "HTTP_PROXY=http://p"),
        stage.filterAllowed(List.of("VERSION=env", "PATH=/bin")));
    assertEquals(false, stage.isReferencedOrNotBuiltin("HTTP_PROXY"));
    assertEquals(true, stage.isReferencedOrNotBuiltin("VERSION"));
    assertEquals(Optional.of("[Warning] One or more build-args [EMPTY UNUSED] were not consumed"), stage.unusedWarning());
  }
}
