package io.berth.cli;

import io.berth.client.HijackedStream;
import io.berth.client.StreamFrameReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * Copies between the local streams and a hijacked attach connection, as the Docker CLI's
 * hijackedIOStreamer: the container's output raw (TTY) or demultiplexed to stdout/stderr, stdin
 * to the container with a half-close at its end so the container sees EOF, and, with a TTY, the
 * terminal in raw mode and the detach keys watched for.
 *
 * @param in stdin to send, or null when stdin is not attached
 * @param out where the container's stdout goes (and everything, with a TTY), or null
 * @param err where its stderr goes without a TTY, or null
 * @param restoreTerminal puts the terminal back from raw mode (a no-op without one); run as
 *     soon as either direction ends so that later messages print normally
 */
record AttachStreams(HijackedStream connection, InputStream in, OutputStream out, OutputStream err, boolean tty,
    DetachKeys detachKeys, Runnable restoreTerminal) {
  /** How the streaming ended. */
  enum Outcome { ENDED, DETACHED }

  /**
   * The streams of a session attached to this CLI's own stdio: stdin only when attached, and the
   * terminal (raw, or null) restored when either direction ends.
   */
  static AttachStreams ofConsole(CliContext ctx, HijackedStream connection, boolean stdin, boolean tty,
      String detachKeys, TerminalControl.Saved terminal) {
    return new AttachStreams(connection, stdin ? ctx.in() : null, ctx.out(), ctx.err(), tty,
        DetachKeys.parseOrDefault(detachKeys), () -> restore(terminal));
  }

  /** The terminal in raw mode while stdin comes from it and a TTY is allocated, else null. */
  static TerminalControl.Saved rawConsole(CliContext ctx, boolean stdin, boolean tty) {
    return stdin && tty && ctx.isTerminal(0) ? TerminalControl.makeRaw(0) : null;
  }

  static void restore(TerminalControl.Saved terminal) {
    if (terminal != null) {
      terminal.restore();
    }
  }

  /**
   * Attach's and exec's foreground streaming: the console's terminal raw for the session and
   * restored after it; a detach is the Docker CLI's "read escape sequence" error.
   */
  static void streamInForeground(CliContext ctx, HijackedStream connection, boolean stdin, boolean tty,
      String detachKeys) throws IOException {
    TerminalControl.Saved terminal = rawConsole(ctx, stdin, tty);
    Outcome outcome;
    try {
      outcome = ofConsole(ctx, connection, stdin, tty, detachKeys, terminal).stream();
    } finally {
      restore(terminal);
    }
    ctx.out().flush();
    if (outcome == Outcome.DETACHED) {
      throw new CliError("read escape sequence", 1);
    }
  }

  /** {@link #stream} on a platform thread of its own (its native reads would pin a carrier). */
  CompletableFuture<Outcome> streamInBackground() {
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    daemon("berth-attach", () -> {
      try {
        outcome.complete(stream());
      } catch (IOException | RuntimeException e) {
        outcome.completeExceptionally(e);
      }
    });
    return outcome;
  }

  /** Streams until the output ends (or stdin ends with no output attached) or the user detaches. */
  Outcome stream() throws IOException {
    CompletableFuture<IOException> outputDone = new CompletableFuture<>();
    CompletableFuture<Boolean> inputDone = new CompletableFuture<>();
    boolean copyOutput = out != null || err != null;
    if (copyOutput) {
      daemon("berth-attach-output", () -> outputDone.complete(copyOutput()));
    }
    if (in != null) {
      daemon("berth-attach-input", () -> inputDone.complete(copyInput()));
    } else {
      daemon("berth-attach-input", () -> {
        closeWrite();
        inputDone.complete(false);
      });
    }
    CompletableFuture.anyOf(copyOutput ? outputDone : new CompletableFuture<>(), inputDone).join();
    if (!outputDone.isDone()) {
      // Input ended first: a detach ends the session; plain EOF waits for the output to drain.
      if (inputDone.join()) {
        return Outcome.DETACHED;
      }
      if (!copyOutput) {
        return Outcome.ENDED;
      }
    }
    IOException failure = outputDone.join();
    if (failure != null) {
      throw failure;
    }
    return Outcome.ENDED;
  }

  private static void daemon(String name, Runnable body) {
    Thread.ofPlatform().name(name).daemon().start(body);
  }

  /** Returns the failure, if any, instead of throwing (it crosses threads). */
  private IOException copyOutput() {
    try {
      InputStream from = connection.input();
      if (tty) {
        byte[] buf = new byte[32 * 1024];
        int n;
        while ((n = from.read(buf)) > 0) {
          if (out != null) {
            out.write(buf, 0, n);
            out.flush();
          }
        }
      } else {
        new StreamFrameReader(from).demux(out == null ? OutputStream.nullOutputStream() : out,
            err == null ? OutputStream.nullOutputStream() : err);
      }
      return null;
    } catch (IOException e) {
      return e;
    } finally {
      restoreTerminal.run();
    }
  }

  /** Copies stdin; true if the detach keys ended it. Half-closes the connection at stdin's end. */
  private boolean copyInput() {
    byte[] buf = new byte[32 * 1024];
    try {
      OutputStream to = connection.output();
      int n;
      while ((n = in.read(buf)) > 0) {
        if (tty) {
          DetachKeys.Filtered filtered = detachKeys.filter(buf, n);
          if (filtered.forward().length > 0) {
            to.write(filtered.forward());
            to.flush();
          }
          if (filtered.detach()) {
            restoreTerminal.run();
            return true;
          }
        } else {
          to.write(buf, 0, n);
          to.flush();
        }
      }
    } catch (IOException e) {
      // The output side sees the broken connection too and reports it.
    }
    restoreTerminal.run();
    closeWrite();
    return false;
  }

  private void closeWrite() {
    try {
      connection.closeWrite();
    } catch (IOException e) {
      // Already closed: the output side ends on its own.
    }
  }
}
