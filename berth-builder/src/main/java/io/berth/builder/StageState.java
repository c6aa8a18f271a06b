package io.berth.builder;

import io.berth.dockerfile.args.BuildArgs;
import io.berth.dockerfile.shell.ShellLex;
import io.berth.engine.container.config.ContainerConfig;
import io.berth.engine.image.Image;
import java.util.ArrayList;
import java.util.List;

/**
 * What the steps of one stage change as they run (moby's dispatchState): the runtime config the next image
 * gets, the current image (null while a {@code FROM scratch} stage has made none), the author, whether CMD
 * was set, the build args in scope, and whether the cache has missed once (then every later step of the
 * stage runs).
 */
final class StageState {
  static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  final String name;
  final BuildArgs args;
  final ShellLex lex;
  final BuildOutput out;
  final Cancellation cancellation;
  ContainerConfig runConfig = ContainerConfig.empty();
  Image image;
  String maintainer = "";
  boolean cmdSet;
  boolean cacheBusted;

  StageState(String name, BuildArgs args, ShellLex lex, BuildOutput out, Cancellation cancellation) {
    this.name = name;
    this.args = args;
    this.lex = lex;
    this.out = out;
    this.cancellation = cancellation;
  }

  /** beginStage: the base image's config, a default PATH when it has none, stdin closed. */
  void begin(Image base) {
    image = base;
    ContainerConfig.Builder b = base == null ? new ContainerConfig.Builder() : base.runConfig().toBuilder();
    List<String> env = b.env == null ? new ArrayList<>() : new ArrayList<>(b.env);
    if (env.stream().noneMatch(e -> e.startsWith("PATH="))) {
      env.add("PATH=" + DEFAULT_PATH);
    }
    b.env = env;
    b.openStdin = false;
    b.stdinOnce = false;
    runConfig = b.build();
  }

  /** The shell of shell-form commands: SHELL's, or {@code /bin/sh -c}. */
  List<String> shell() {
    List<String> shell = runConfig.shell();
    return shell == null || shell.isEmpty() ? DEFAULT_SHELL : shell;
  }

  String imageId() {
    return image == null ? "" : image.id().toString();
  }

  ContainerConfig.Builder edit() {
    return runConfig.toBuilder();
  }
}
