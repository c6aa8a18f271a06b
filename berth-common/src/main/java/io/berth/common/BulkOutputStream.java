package io.berth.common;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** An output stream that implements only the bulk write: a single-byte write is a bulk write of one byte. */
public abstract class BulkOutputStream extends OutputStream {
  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public abstract void write(byte[] b, int off, int len) throws IOException;

  /** Writes whole buffers to a blocking channel; closing the stream runs {@code onClose}. */
  public static BulkOutputStream of(WritableByteChannel channel, Closeable onClose) {
    return new BulkOutputStream() {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }

      @Override
      public void close() throws IOException {
        onClose.close();
      }
    };
  }
}
