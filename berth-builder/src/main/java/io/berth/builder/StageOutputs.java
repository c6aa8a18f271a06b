package io.berth.builder;

import java.util.ArrayList;
import java.util.List;

/**
 * The output of stages that run in parallel, written as a sequential build writes it: the stage first in
 * Dockerfile order streams live, the others are held until every stage before them has finished. So the
 * client reads the same {@code Step N/M} sequence whatever the schedule.
 */
final class StageOutputs {
  private record Message(int kind, String text) {}

  private final BuildOutput sink;
  private final List<List<Message>> held = new ArrayList<>();
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
    return new BuildOutput() {
      @Override
      public void stdout(String text) {
        emit(order, 0, text);
      }

      @Override
      public void stderr(String text) {
        emit(order, 1, text);
      }

      @Override
      public void aux(String imageId) {
        emit(order, 2, imageId);
      }
    };
  }

  private synchronized void emit(int order, int kind, String text) {
    if (order == current) {
      write(new Message(kind, text));
    } else {
      held.get(order).add(new Message(kind, text));
    }
  }

  /** The stage at {@code order} has written everything it will (it finished, failed or was cancelled). */
  synchronized void finished(int order) {
    done[order] = true;
    while (current < done.length && done[current]) {
      current++;
      if (current < done.length) {
        held.get(current).forEach(this::write);
        held.get(current).clear();
      }
    }
  }

  private void write(Message m) {
    switch (m.kind()) {
      case 0 -> sink.stdout(m.text());
      case 1 -> sink.stderr(m.text());
      default -> sink.aux(m.text());
    }
  }
}
