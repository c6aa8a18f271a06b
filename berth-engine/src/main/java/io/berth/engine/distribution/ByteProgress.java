package io.berth.engine.distribution;

import java.util.function.Consumer;

/**
 * A count of bytes moved for one layer, reported as dockerd's progress bars are: at most every
 * 100 ms, and once more when the count reaches the total.
 */
final class ByteProgress {
  private static final long INTERVAL_NANOS = 100_000_000L;
  private final String id;
  private final String action;
  private final long total;
  private final Consumer<Progress> listener;
  private long count;
  private long lastReport;

  ByteProgress(String id, String action, long total, Consumer<Progress> listener) {
    this.id = id;
    this.action = action;
    this.total = total;
    this.listener = listener;
  }

  void add(long bytes) {
    count += bytes;
    long t = System.nanoTime();
    if (t - lastReport > INTERVAL_NANOS || count == total) {
      lastReport = t;
      listener.accept(new Progress.Bytes(id, action, count, total));
    }
  }
}
