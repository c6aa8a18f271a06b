package io.berth.common;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;

/**
 * A stream that a writer thread fills (an archive being written) and its reader drains: the end comes once
 * the writer has finished, and the writer's failure is thrown there, so no reader takes a cut-short stream
 * for a whole one. Closing it early stops a writer still running ("pipe closed").
 */
public class PipeInputStream extends FilterInputStream {
  /** Writes the stream's content. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  private Thread writer;
  private volatile IOException failure;
  private boolean ended;

  protected PipeInputStream(int buffer) {
    super(new PipedInputStream(buffer));
  }

  /** A stream whose content {@code content} writes on a thread made by {@code thread}. */
  public static PipeInputStream of(Thread.Builder thread, int buffer, Writer content) throws IOException {
    PipeInputStream pipe = new PipeInputStream(buffer);
    pipe.start(thread, content);
    return pipe;
  }

  /** Starts the writer: a subclass calls it once, from its constructor, when its own fields are set. */
  protected final void start(Thread.Builder thread, Writer content) throws IOException {
    PipedOutputStream out = new PipedOutputStream((PipedInputStream) in);
    writer = thread.start(() -> {
      try (out) {
        content.write(out);
      } catch (IOException e) {
        failure = e;
      }
    });
  }

  /** What a reader gets for the writer's failure; the failure itself unless a subclass says more. */
  protected IOException failed(IOException writerFailure) {
    return writerFailure;
  }

  /** Whether a reader has reached the end of a complete stream. */
  protected final boolean ended() {
    return ended;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    return b < 0 ? end() : b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    return n < 0 ? end() : n;
  }

  private int end() throws IOException {
    join();
    if (failure != null) {
      throw failed(failure);
    }
    ended = true;
    return -1;
  }

  @Override
  public void close() throws IOException {
    super.close(); // a writer still running gets "pipe closed" and stops
    join();
  }

  private void join() throws IOException {
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the stream was being written");
    }
  }
}
