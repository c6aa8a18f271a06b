package io.berth.cli.cp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;

/** An archive written on a virtual thread and read as a stream; a writer's failure surfaces on the reading side. */
final class TarPipe extends FilterInputStream {
  interface Writer {
    void write(OutputStream out) throws IOException;
  }

  private volatile IOException failure;

  private TarPipe(PipedInputStream in) {
    super(in);
  }

  static InputStream of(Writer writer) throws IOException {
    PipedInputStream in = new PipedInputStream(1 << 16);
    PipedOutputStream out = new PipedOutputStream(in);
    TarPipe pipe = new TarPipe(in);
    Thread.ofVirtual().name("cp-tar").start(() -> {
      try (out) {
        writer.write(out);
      } catch (IOException e) {
        pipe.failure = e;
      }
    });
    return pipe;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    return b < 0 ? eof() : b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    return n < 0 ? eof() : n;
  }

  private int eof() throws IOException {
    if (failure != null) {
      throw failure;
    }
    return -1;
  }
}
