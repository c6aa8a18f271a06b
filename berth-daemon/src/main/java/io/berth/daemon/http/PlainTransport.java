package io.berth.daemon.http;

import io.berth.common.BulkOutputStream;
import io.berth.daemon.Log;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;

/** HTTP straight over the accepted socket (unix sockets, and TCP without TLS). */
record PlainTransport(SocketChannel channel) implements Transport {

  @Override
  public ReadableByteChannel input() {
    return channel;
  }

  @Override
  public OutputStream output() {
    return new BulkOutputStream() {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
    };
  }

  @Override
  public void shutdownOutput() throws IOException {
    channel.shutdownOutput();
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      Log.debug("closing connection: " + e.getMessage());
    }
  }
}
