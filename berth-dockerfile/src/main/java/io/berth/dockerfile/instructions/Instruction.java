package io.berth.dockerfile.instructions;

/** One Dockerfile instruction, typed; records keep their source for output and history. */
public sealed interface Instruction
    permits From, Run, Cmd, Entrypoint, Env, Arg, Label, Expose, Copy, Add, Workdir, User, Volume,
        Shell, StopSignal, Healthcheck, Onbuild, Maintainer {

  SourceInfo source();

  /** The text the classic builder prints after {@code Step N/M : }. */
  default String code() {
    return source().code();
  }
}
