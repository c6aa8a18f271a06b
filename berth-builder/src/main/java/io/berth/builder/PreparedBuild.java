package io.berth.builder;

import io.berth.common.AtomicFiles;
import io.berth.common.BerthException;
import io.berth.common.ImageReference;
import io.berth.dockerfile.Dockerfile;
import io.berth.dockerfile.DockerfileException;
import io.berth.dockerfile.Expansion;
import io.berth.dockerfile.Stage;
import io.berth.dockerfile.StageGraph;
import io.berth.dockerfile.args.BuildArgs;
import io.berth.dockerfile.args.Platform;
import io.berth.dockerfile.ignore.DockerIgnore;
import io.berth.dockerfile.instructions.Arg;
import io.berth.dockerfile.shell.ShellLex;
import io.berth.engine.image.Image;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A build whose context is read and whose Dockerfile is parsed and resolved (moby's Detect and the checks
 * before the first step): ready to run, then to be closed (its context is deleted).
 */
public final class PreparedBuild implements AutoCloseable {
  private final Builder.BuildSetup setup;
  private final Plan plan;
  private final Cancellation cancellation;

  /** The parsed Dockerfile, its stages (the needed ones, in order) and the global build args. */
  record Plan(Dockerfile dockerfile, StageGraph graph, List<Stage> stages, BuildArgs global) {}

  private PreparedBuild(Builder.BuildSetup setup, Plan plan) {
    this.setup = setup;
    this.plan = plan;
    this.cancellation = setup.cancellation();
  }

  static PreparedBuild prepare(Builder.BuildSetup setup) throws IOException {
    var request = setup.request();
    SourceTree context = setup.context();
    String name = request.dockerfile();
    if (context.kind(name) != SourceTree.Kind.FILE && name.equals("Dockerfile")) {
      name = "dockerfile";
    }
    if (context.kind(name) != SourceTree.Kind.FILE) {
      throw new BerthException.InvalidParameter("Cannot locate specified Dockerfile: " + request.dockerfile());
    }
    try {
      Dockerfile df = Dockerfile.read(request.dockerfile(), context.read(name));
      if (setup.dockerfileOnly()) {
        context.remove(name); // a Dockerfile fetched alone is not a context
        context.markAbsent();
      } else {
        removeIgnoredBuildFiles(context, name);
      }
      Platform host = Platform.host();
      BuildArgs global = BuildArgs.global(request.buildArgs(), BuildArgs.platformArgs(host, host, request.target()));
      Expansion.declareMeta(df.metaArgs(), global, new ShellLex(df.escapeToken()));
      StageGraph graph = StageGraph.build(df, global.metaValues(), host);
      StageGraph.Resolved target = graph.target(request.target());
      List<Stage> needed = new ArrayList<>(graph.needed(target));
      needed.set(needed.size() - 1, Dockerfile.withRequestLabels(needed.getLast(), request.labels()));
      for (Stage s : needed) {
        graph.stage(s.index()).platform().ifPresent(p -> {
          if (!p.os().equals(host.os()) || !p.architecture().equals(host.architecture())) {
            throw new DockerfileException("berth builds for " + host.format() + " only; FROM --platform="
                + p.format() + " is not supported");
          }
        });
      }
      return new PreparedBuild(setup, new Plan(df, graph, needed, global));
    } catch (DockerfileException e) {
      throw new BerthException.InvalidParameter(e.getMessage(), e);
    }
  }

  /** The daemon's half of .dockerignore: the Dockerfile and .dockerignore leave the context if it excludes them. */
  private static void removeIgnoredBuildFiles(SourceTree context, String dockerfile) throws IOException {
    if (context.kind(DockerIgnore.FILE_NAME) != SourceTree.Kind.FILE) {
      return;
    }
    String ignore = new String(context.read(DockerIgnore.FILE_NAME), StandardCharsets.UTF_8);
    for (String remove : DockerIgnore.filesToRemove(DockerIgnore.readAll(ignore), dockerfile)) {
      context.remove(remove);
    }
  }

  /**
   * Runs the build, writing its output; returns the image ID, tagged as the request asks. Errors are
   * {@link BuildException}s (or engine errors) whose message is dockerd's.
   */
  public String run(BuildOutput out) throws Exception {
    if (setup.remote() != null) {
      setup.remote().report(out);
    }
    Dockerfile dockerfile = plan.dockerfile();
    for (String warning : dockerfile.parsed().warningLines()) {
      out.stderr(warning + "\n");
    }
    int total = dockerfile.totalSteps(plan.stages());
    int step = 1;
    for (Arg meta : dockerfile.metaArgs()) {
      out.stdout("Step " + step++ + "/" + total + " : " + meta.code() + "\n");
    }
    Image image = new StageScheduler(setup, plan, cancellation).run(out, step, total);
    plan.global().unusedWarning().ifPresent(w -> out.stdout(w + "\n"));
    if (image == null) {
      throw new BuildException("No image was generated. Is your Dockerfile empty?");
    }
    out.stdout("Successfully built " + image.id().hex().substring(0, 12) + "\n");
    for (ImageReference ref : setup.request().tags()) {
      setup.engine().imageService().tag(image.id().toString(), ref.name(), ref.tag());
      out.stdout("Successfully tagged " + ref.familiarString() + "\n");
    }
    return image.id().toString();
  }

  @Override
  public void close() throws IOException {
    setup.cache().saveUsage();
    AtomicFiles.deleteTree(setup.dir());
  }
}
