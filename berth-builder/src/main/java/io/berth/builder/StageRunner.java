package io.berth.builder;

import io.berth.common.GoPath;
import io.berth.dockerfile.Expansion;
import io.berth.dockerfile.Stage;
import io.berth.dockerfile.instructions.Add;
import io.berth.dockerfile.instructions.Arg;
import io.berth.dockerfile.instructions.Cmd;
import io.berth.dockerfile.instructions.Copy;
import io.berth.dockerfile.instructions.Entrypoint;
import io.berth.dockerfile.instructions.Env;
import io.berth.dockerfile.instructions.Expose;
import io.berth.dockerfile.instructions.From;
import io.berth.dockerfile.instructions.Healthcheck;
import io.berth.dockerfile.instructions.Instruction;
import io.berth.dockerfile.instructions.Label;
import io.berth.dockerfile.instructions.Maintainer;
import io.berth.dockerfile.instructions.Onbuild;
import io.berth.dockerfile.instructions.Run;
import io.berth.dockerfile.instructions.Shell;
import io.berth.dockerfile.instructions.StopSignal;
import io.berth.dockerfile.instructions.User;
import io.berth.dockerfile.instructions.Volume;
import io.berth.dockerfile.instructions.Workdir;
import io.berth.dockerfile.shell.EnvGetter;
import io.berth.engine.container.config.ContainerConfig;
import io.berth.engine.image.Image;
import io.berth.engine.layer.Layer;
import java.util.ArrayList;
import java.util.List;

/**
 * One stage of a build, step by step as the classic builder's dispatch loop: {@code Step N/M : <code>},
 * the instruction expanded with the stage's ENV and the build args it declared, dispatched, then
 * {@code ---> <image id>}; ONBUILD triggers of the base image first; the stage's image reported (aux)
 * at its end.
 */
final class StageRunner {
  /** Where a stage finds other stages' images and images by name (COPY --from, RUN --mount from=, FROM). */
  interface Sources extends RunMountPlan.ImageSource {
    /** The base image of the stage (null for scratch), waiting for a base stage to finish. */
    Image base(int stage) throws Exception;
  }

  private final StepServices services;
  private final ConfigSteps config;
  private final CopyStep copy;
  private final RunStep run;
  private final SourceTree context;
  private final Sources sources;

  StageRunner(StepServices services, SourceTree context, Sources sources) {
    this.services = services;
    this.config = new ConfigSteps(services.committer());
    this.copy = new CopyStep(services);
    this.run = new RunStep(services);
    this.context = context;
    this.sources = sources;
  }

  /** Runs {@code stage} from step number {@code step} of {@code total}; the stage's image, or null. */
  Image run(Stage stage, StageState s, int step, int total) throws Exception {
    From from = stage.from();
    s.out.stdout("Step " + step++ + "/" + total + " : " + from.code() + "\n");
    Image base = sources.base(stage.index());
    s.begin(base);
    List<String> triggers = s.runConfig.onBuild();
    if (triggers != null && !triggers.isEmpty()) {
      ContainerConfig.Builder b = s.edit();
      b.onBuild = null;
      s.runConfig = b.build();
      s.out.stdout("# Executing " + triggers.size() + " build trigger" + (triggers.size() > 1 ? "s" : "") + "\n");
      for (String trigger : triggers) {
        dispatch(s, Onbuild.class.cast(new Onbuild(from.source(), trigger)).trigger());
      }
    }
    s.out.stdout(" ---> " + shortId(s) + "\n");
    for (Instruction instruction : stage.instructions()) {
      s.cancellation.check();
      s.out.stdout("Step " + step++ + "/" + total + " : " + instruction.code() + "\n");
      dispatch(s, instruction);
      s.out.stdout(" ---> " + shortId(s) + "\n");
    }
    if (s.image != null) {
      s.out.aux(s.image.id().toString());
    }
    return s.image;
  }

  static String shortId(StageState s) {
    return s.image == null ? "" : s.image.id().hex().substring(0, 12);
  }

  private void dispatch(StageState s, Instruction original) throws Exception {
    List<String> visible = new ArrayList<>(s.runConfig.envList());
    visible.addAll(s.args.filterAllowed(s.runConfig.envList()));
    EnvGetter env = EnvGetter.fromList(visible);
    Instruction i = Expansion.expand(original, s.lex, env);
    switch (i) {
      case Env e -> config.env(s, e);
      case Maintainer m -> config.maintainer(s, m.maintainer());
      case Label l -> config.label(s, l);
      case Add a -> add(s, a);
      case Copy c -> copy(s, c);
      case Onbuild o -> config.onbuild(s, o.expression());
      case Workdir w -> workdir(s, w.path());
      case Run r -> run.run(s, r, context, sources);
      case Cmd c -> config.cmd(s, c);
      case Healthcheck h -> config.healthcheck(s, h);
      case Entrypoint e -> config.entrypoint(s, e);
      case Expose e -> config.expose(s, e);
      case User u -> config.user(s, u.user());
      case Volume v -> config.volume(s, v);
      case StopSignal sig -> config.stopSignal(s, sig);
      case Arg a -> {
        Expansion.declare((Arg) original, s.args, s.lex, env);
        config.arg(s, a.commitText());
      }
      case Shell sh -> config.shell(s, sh);
      case From f -> throw new BuildException("unsupported command type: FROM");
    }
  }

  private void copy(StageState s, Copy c) throws Exception {
    refuseLabs("COPY", c.parents(), c.excludes());
    if (c.from().isEmpty()) {
      copy.run(s, new CopyStep.Request("COPY", c.files(), context, true, c.chown(), c.chmod(), false, false, "", false));
      return;
    }
    Image from;
    try {
      from = sources.image(c.from());
    } catch (java.io.InterruptedIOException e) {
      throw e;
    } catch (BuildException | io.berth.common.BerthException | java.io.IOException e) { // a failed pull too
      throw new BuildException("invalid from flag value " + c.from() + ": " + e.getMessage(), e);
    }
    try (ScratchLayer view = ScratchLayer.on(services.images(), from)) {
      copy.run(s, new CopyStep.Request("COPY", c.files(), new SourceTree(view.root()), false, c.chown(), c.chmod(),
          true, false, "", false));
    }
  }

  private void add(StageState s, Add a) throws Exception {
    refuseLabs("ADD", false, a.excludes());
    boolean decompress = a.unpack().orElse(true);
    copy.run(s, new CopyStep.Request("ADD", a.files(), context, true, a.chown(), a.chmod(), false, decompress,
        a.checksum(), a.keepGitDir().orElse(false)));
  }

  private static void refuseLabs(String name, boolean parents, List<String> excludes) {
    if (parents) {
      throw new BuildException("the --parents option of " + name + " needs BuildKit's labs channel; berth's builder "
          + "does not have it");
    }
    if (!excludes.isEmpty()) {
      throw new BuildException("the --exclude option of " + name + " needs BuildKit's labs channel; berth's builder "
          + "does not have it");
    }
  }

  /** WORKDIR: the path normalized against the current one, and made in the image if missing. */
  private void workdir(StageState s, String requested) throws Exception {
    if (requested.isEmpty()) {
      throw new BuildException("cannot normalize nothing");
    }
    String dir = requested.startsWith("/") ? GoPath.clean(requested)
        : GoPath.join("/", s.runConfig.workingDir(), requested);
    ContainerConfig.Builder b = s.edit();
    b.workingDir = dir;
    s.runConfig = b.build();
    ContainerConfig.Builder pb = s.edit();
    pb.cmd = StepCommitter.nopCommandString(s, "WORKDIR " + dir);
    ContainerConfig probe = pb.build();
    if (services.committer().probe(s, probe, "")) {
      return;
    }
    Layer layer;
    try (ScratchLayer scratch = ScratchLayer.on(services.images(), s.image)) {
      try {
        TreeCopier.mkdirAll(scratch.root(), dir, TreeCopier.Owner.fixed(0, 0));
      } catch (java.io.IOException e) {
        java.nio.file.Path p = io.berth.archive.SecurePath.join(scratch.root(), dir);
        if (java.nio.file.Files.exists(p) && !java.nio.file.Files.isDirectory(p)) { // dockerd's SetupWorkingDirectory
          throw new BuildException("Cannot mkdir: " + dir + " is not a directory");
        }
        throw e;
      }
      layer = scratch.commit(services.snapshots(), services.lease());
    }
    services.committer().commit(s, probe, layer, "");
  }
}
