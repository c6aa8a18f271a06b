package io.berth.daemon.http;

import io.berth.common.BulkOutputStream;
import io.berth.daemon.Log;
import java.io.IOException;
import java.io.OutputStream;
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
    return BulkOutputStream.of(channel, () -> {}); // the connection closes the channel
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
