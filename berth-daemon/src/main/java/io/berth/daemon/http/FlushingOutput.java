package io.berth.daemon.http;

import java.io.IOException;
import java.io.OutputStream;

/** Flushes every write: used for raw (unframed) streams. */
class FlushingOutput extends OutputStream {
  final OutputStream out;

  FlushingOutput(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    out.flush();
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    out.flush();
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }
}
