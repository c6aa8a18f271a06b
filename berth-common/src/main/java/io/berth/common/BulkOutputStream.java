package io.berth.common;

import java.io.IOException;
import java.io.OutputStream;

/** An output stream that implements only the bulk write: a single-byte write is a bulk write of one byte. */
public abstract class BulkOutputStream extends OutputStream {
  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public abstract void write(byte[] b, int off, int len) throws IOException;
}
