package io.berth.builder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The output of stages that run in parallel, written as a sequential build writes it: the stage first in
 * Dockerfile order streams live, the others are held until every stage before them has finished. So the
 * client reads the same {@code Step N/M} sequence whatever the schedule.
 */
final class StageOutputs {
  private final BuildOutput sink;
  private final List<List<Consumer<BuildOutput>>> held = new ArrayList<>();
  private final boolean[] done;
  private int current;

  StageOutputs(BuildOutput sink, int stages) {
    this.sink = sink;
    this.done = new boolean[stages];
    for (int i = 0; i < stages; i++) {
      held.add(new ArrayList<>());
    }
  }

  /** The output of the stage at {@code order} (its position among the stages built). */
  BuildOutput stage(int order) {
    return BuildOutput.forwarding(message -> emit(order, message));
  }

  private synchronized void emit(int order, Consumer<BuildOutput> message) {
    if (order == current) {
      message.accept(sink);
    } else {
      held.get(order).add(message);
    }
  }

  /** The stage at {@code order} has written everything it will (it finished, failed or was cancelled). */
  synchronized void finished(int order) {
    done[order] = true;
    while (current < done.length && done[current]) {
      current++;
      if (current < done.length) {
        held.get(current).forEach(m -> m.accept(sink));
        held.get(current).clear();
      }
    }
  }
}
