package io.berth.dockerfile;

import io.berth.dockerfile.args.BuildArgs;
import io.berth.dockerfile.instructions.Add;
import io.berth.dockerfile.instructions.Arg;
import io.berth.dockerfile.instructions.ArgDef;
import io.berth.dockerfile.instructions.Copy;
import io.berth.dockerfile.instructions.Expandable;
import io.berth.dockerfile.instructions.Expose;
import io.berth.dockerfile.instructions.Instruction;
import io.berth.dockerfile.shell.EnvGetter;
import io.berth.dockerfile.shell.ShellLex;
import java.util.Optional;

/**
 * Variable expansion at dispatch, as BuildKit's dispatch does it: each {@link Expandable}
 * instruction word by word with the Dockerfile's escape token; the bodies of unquoted
 * here-documents of COPY and ADD with quotes left alone; EXPOSE's words into several words.
 * RUN's command, CMD, ENTRYPOINT, SHELL, HEALTHCHECK, MAINTAINER and ONBUILD are not expanded
 * (the shell of the container does it, or nothing does).
 */
public final class Expansion {
  private Expansion() {}

  /** The instruction with its variables replaced from {@code env} (the stage's ENV and allowed ARGs). */
  public static Instruction expand(Instruction instruction, ShellLex lex, EnvGetter env) {
    Instruction out = instruction;
    if (out instanceof Expandable e) {
      out = e.expand(word -> lex.processWord(word, env));
    }
    ShellLex raw = new ShellLex('\\').skipProcessQuotes(true);
    if (out instanceof Copy copy) {
      out = copy.expandContents(word -> raw.processWord(word, env));
    } else if (out instanceof Add add) {
      out = add.expandContents(word -> raw.processWord(word, env));
    } else if (out instanceof Expose expose) {
      out = expose.expandWords(word -> lex.processWords(word, env));
    }
    return out;
  }

  /**
   * Declares a stage's ARG in {@code scope} as BuildKit's dispatchArg does: a {@code --build-arg}
   * value wins (and the default is then not expanded), else the default expanded with {@code env}.
   */
  public static void declare(Arg arg, BuildArgs scope, ShellLex lex, EnvGetter env) {
    for (ArgDef def : arg.args()) {
      scope.addArg(def.key(), valueOf(def, scope, lex, env));
    }
  }

  /** Declares the meta args (before the first FROM) in the global scope, in order. */
  public static void declareMeta(Iterable<Arg> metaArgs, BuildArgs global, ShellLex lex) {
    for (Arg arg : metaArgs) {
      for (ArgDef def : arg.args()) {
        global.addMetaArg(def.key(), valueOf(def, global, lex, EnvGetter.of(global.metaValues())));
      }
    }
  }

  private static Optional<String> valueOf(ArgDef def, BuildArgs scope, ShellLex lex, EnvGetter env) {
    if (scope.hasOption(def.key()) || def.defaultValue().isEmpty()) {
      return def.defaultValue();
    }
    return Optional.of(lex.processWord(def.defaultValue().get(), env));
  }
}
