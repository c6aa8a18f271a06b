package io.berth.builder;

import java.util.function.Consumer;

/**
 * Where a build reports, in the kinds of message the classic builder's stream has: text on its stdout
 * ({@code {"stream": ...}}), text on its stderr (RUN's stderr, which dockerd colours red), the ID of
 * each stage's image ({@code {"aux":{"ID": ...}}}) and the progress of pulling a base image (a pull's JSON
 * messages). Implementations must accept calls from several threads.
 */
public interface BuildOutput {
  void stdout(String text);

  void stderr(String text);

  void aux(String imageId);

  void progress(io.berth.engine.distribution.Progress progress);

  BuildOutput DISCARD = forwarding(message -> {});

  /** An output that hands each message, as a call to make on an output, to {@code route}. */
  static BuildOutput forwarding(Consumer<Consumer<BuildOutput>> route) {
    return new BuildOutput() {
      @Override
      public void stdout(String text) {
        route.accept(o -> o.stdout(text));
      }

      @Override
      public void stderr(String text) {
        route.accept(o -> o.stderr(text));
      }

      @Override
      public void aux(String imageId) {
        route.accept(o -> o.aux(imageId));
      }

      @Override
      public void progress(io.berth.engine.distribution.Progress progress) {
        route.accept(o -> o.progress(progress));
      }
    };
  }
}
