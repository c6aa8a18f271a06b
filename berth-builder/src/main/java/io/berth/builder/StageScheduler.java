package io.berth.builder;

import io.berth.dockerfile.Stage;
import io.berth.dockerfile.StageGraph;
import io.berth.dockerfile.shell.ShellLex;
import io.berth.engine.image.Image;
import io.berth.engine.layer.Lease;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Runs the stages a build needs, each as soon as the stages it reads are done, independent ones in
 * parallel (as BuildKit schedules them), while the output reads as a sequential build's. A failed stage
 * cancels the stages after it; the stages before it finish, so the error is the one a sequential build
 * would have stopped at.
 */
final class StageScheduler {
  /** A stage that did not run because one it reads failed or the build was cancelled. */
  private static final class Skipped extends RuntimeException {
    Skipped() {
      super(null, null, false, false);
    }
  }

  private final Builder.BuildSetup setup;
  private final PreparedBuild.Plan plan;
  private final Cancellation cancellation;
  private final Map<Integer, CompletableFuture<Image>> results = new HashMap<>();
  private final List<Cancellation> stageCancellations = new ArrayList<>();

  StageScheduler(Builder.BuildSetup setup, PreparedBuild.Plan plan, Cancellation cancellation) {
    this.setup = setup;
    this.plan = plan;
    this.cancellation = cancellation;
  }

  /** Runs every stage; the last stage's image (null if it made none). */
  Image run(BuildOutput out, int firstStep, int total) throws Exception {
    var request = setup.request();
    List<Stage> stages = plan.stages();
    StageOutputs outputs = new StageOutputs(out, stages.size());
    CacheFrom cacheFrom = new CacheFrom(setup.engine().images(), request.cacheFrom(), out);
    StepCommitter committer = new StepCommitter(setup.engine().images(), setup.cache(), request.noCache(), cacheFrom,
        clock(request.buildArgs()));
    try (Lease lease = setup.engine().images().layers().lease()) {
      StepServices services = new StepServices(setup.engine(), request, committer, lease, setup.dir(),
          setup.cacheMounts(), setup.containers(), setup.secrets());
      BaseImages baseImages = new BaseImages(setup.engine(), request);
      int step = firstStep;
      List<Thread> threads = new ArrayList<>();
      for (int order = 0; order < stages.size(); order++) {
        Stage stage = stages.get(order);
        results.put(stage.index(), new CompletableFuture<>());
        Cancellation stageCancel = new Cancellation();
        stageCancellations.add(stageCancel);
        cancellation.onCancel(stageCancel::cancel);
        BuildOutput stageOut = outputs.stage(order);
        StageState state = new StageState(stage.name(), plan.global().forStage(),
            new ShellLex(plan.dockerfile().escapeToken()), stageOut, stageCancel);
        StageRunner runner = new StageRunner(services, setup.context(), new Sources(baseImages, stageOut));
        int start = step;
        int current = order;
        threads.add(Thread.ofVirtual().name("berth-build-stage-" + stage.index()).start(() -> {
          CompletableFuture<Image> result = results.get(stage.index());
          try {
            result.complete(runner.run(stage, state, start, total));
          } catch (Throwable t) {
            result.completeExceptionally(t);
            if (!(t instanceof Skipped)) {
              for (int later = current + 1; later < stageCancellations.size(); later++) {
                stageCancellations.get(later).cancel();
              }
            }
          } finally {
            outputs.finished(current);
          }
        }));
        step += 1 + stage.instructions().size();
      }
      for (Thread t : threads) {
        t.join();
      }
      for (Stage stage : stages) {
        try {
          results.get(stage.index()).get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof Skipped) && e.getCause() instanceof Exception x) {
            throw x;
          }
        }
      }
      cancellation.check();
      return results.get(stages.getLast().index()).get();
    }
  }

  /** SOURCE_DATE_EPOCH (a build arg, as BuildKit takes it) fixes the images' times; else the time of each step. */
  private static Supplier<Instant> clock(Map<String, java.util.Optional<String>> buildArgs) {
    var epoch = buildArgs.getOrDefault("SOURCE_DATE_EPOCH", java.util.Optional.empty());
    if (epoch.isPresent() && epoch.get().matches("[0-9]+")) {
      Instant fixed = Instant.ofEpochSecond(Long.parseLong(epoch.get()));
      return () -> fixed;
    }
    return Instant::now;
  }

  /** One stage's lookups of stages and images for FROM, COPY --from and RUN --mount from=. */
  private final class Sources implements StageRunner.Sources {
    private final BaseImages images;
    private final BuildOutput out;

    Sources(BaseImages images, BuildOutput out) {
      this.images = images;
      this.out = out;
    }

    @Override
    public Image base(int index) throws Exception {
      StageGraph.Resolved r = plan.graph().stage(index);
      if (r.baseStage().isPresent()) {
        return stageImage(r.baseStage().get());
      }
      if (r.baseName().equals(StageGraph.SCRATCH)) {
        return null;
      }
      return local(r.baseName());
    }

    @Override
    public Image image(String from) throws java.io.IOException {
      for (StageGraph.Resolved r : plan.graph().stages()) {
        if (!r.stage().name().isEmpty() && r.stage().name().equals(from.toLowerCase(Locale.ROOT))) {
          return stageImage(r.stage().index());
        }
      }
      if (from.matches("[0-9]+")) {
        int index = Integer.parseInt(from);
        if (index < plan.graph().stages().size()) {
          return stageImage(index);
        }
      }
      return local(from);
    }

    private Image stageImage(int index) {
      CompletableFuture<Image> f = results.get(index);
      if (f == null) {
        throw new BuildException("stage " + index + " is not part of this build");
      }
      try {
        Image image = f.get();
        if (image == null) {
          throw new BuildException("stage " + index + " made no image");
        }
        return image;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Skipped();
      } catch (ExecutionException e) {
        throw new Skipped();
      }
    }

    private Image local(String name) throws java.io.IOException {
      return images.get(name, out);
    }
  }
}
