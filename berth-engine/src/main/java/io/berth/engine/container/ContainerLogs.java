package io.berth.engine.container;

import io.berth.common.BerthException;
import io.berth.runtime.LogEntry;
import io.berth.runtime.LogReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code docker logs}: a container's kept output, across its rotated files (oldest first, the tail counted
 * over all of them), then followed in the current file while the container runs.
 */
public record ContainerLogs(ContainerStore store, Lifecycle lifecycle) {
  /** The container, if its log driver keeps what {@link #read} reads; dockerd's 501 otherwise. */
  public Container checkReadable(String id) {
    Container c = store.find(id);
    if (!LogOptions.keepsLogs(c.hostConfig().logConfig())) {
      throw new BerthException.NotImplemented("configured logging driver does not support reading");
    }
    return c;
  }

  /** Which records: the last {@code tail} (-1 for all) between since and until (null for open ends). */
  public record Query(int tail, Instant since, Instant until, boolean follow) {}

  /** One record: a line, or part of a long one ({@code partial}: more of it follows). */
  public record Line(boolean stderr, Instant time, byte[] content, boolean partial) {}

  /** Receives records; false stops the reading. */
  public interface Sink {
    boolean accept(Line line) throws IOException;
  }

  /**
   * Reads the container's log into {@code sink}; with follow, until the container stops or {@code stop} says
   * so. A container whose log driver keeps nothing cannot be read, as dockerd says.
   */
  public void read(String id, Query query, Sink sink, BooleanSupplier stop) throws IOException {
    Container c = checkReadable(id);
    BooleanSupplier finished = () -> stop.getAsBoolean()
        || store.get(c.id()).map(x -> !x.state().running()).orElse(true);
    List<Path> files = lifecycle.logFiles(c.id());
    Path current = files.getLast();
    Instant[] last = {null};
    LogReader.Sink out = e -> {
      last[0] = e.time();
      return sink.accept(new Line(e.stream() == LogEntry.Stream.STDERR, e.time(), e.content(), e.partial()));
    };
    if (files.size() == 1) {
      new LogReader(current).read(new LogReader.Options(query.tail(), query.since(), query.until(), query.follow()),
          out, finished);
      return;
    }
    ArrayDeque<LogEntry> tail = query.tail() >= 0 ? new ArrayDeque<>() : null;
    for (Path file : files) {
      new LogReader(file).read(new LogReader.Options(-1, query.since(), query.until(), false), e -> {
        if (tail == null) {
          return out.accept(e);
        }
        tail.addLast(e);
        if (tail.size() > query.tail()) {
          tail.removeFirst();
        }
        return true;
      }, () -> true);
    }
    if (tail != null) {
      for (LogEntry e : tail) {
        if (!out.accept(e)) {
          return;
        }
      }
    }
    if (query.follow()) {
      Instant after = last[0] == null ? query.since() : last[0].plusNanos(1);
      new LogReader(current).read(new LogReader.Options(-1, after, query.until(), true), out, finished);
    }
  }
}
