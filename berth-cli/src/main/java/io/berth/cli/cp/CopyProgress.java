package io.berth.cli.cp;

import io.berth.common.Units;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Docker CLI's copy progress: on a terminal stderr, "Copying to container - 2.05kB" redrawn
 * every 75 ms in place (cursor saved, hidden), erased when done.
 */
record CopyProgress(PrintStream err, Thread ticker) implements AutoCloseable {
  private static final String ESC = "\u001b[";

  static String size(long bytes) {
    return Units.humanSize(bytes, 3);
  }

  /** Starts drawing when {@code terminal}; otherwise does nothing. */
  static CopyProgress start(PrintStream err, boolean terminal, String header, AtomicLong total) {
    if (!terminal) {
      return new CopyProgress(err, null);
    }
    err.print("\u001b[sPreparing to copy...");
    err.flush();
    Thread ticker = Thread.ofVirtual().start(() -> {
      err.print(ESC + "?25l" + ESC + "u" + ESC + "2K" + header + size(0));
      err.flush();
      long last = 0;
      try {
        while (!Thread.currentThread().isInterrupted()) {
          Thread.sleep(75);
          long n = total.get();
          if (n != last) {
            err.print(ESC + (header.length() + 1) + "G" + ESC + "0K" + size(n));
            err.flush();
            last = n;
          }
        }
      } catch (InterruptedException e) {
        // done copying
      } finally {
        err.print(ESC + "?25h");
        err.flush();
      }
    });
    return new CopyProgress(err, ticker);
  }

  @Override
  public void close() {
    if (ticker == null) {
      return;
    }
    ticker.interrupt();
    try {
      ticker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    err.print(ESC + "u" + ESC + "2K");
    err.flush();
  }
}
