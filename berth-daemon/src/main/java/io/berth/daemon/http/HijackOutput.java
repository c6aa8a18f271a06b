package io.berth.daemon.http;

import java.io.IOException;
import java.io.OutputStream;

/** The hijacked write side: closing it shuts down only the server's direction. */
final class HijackOutput extends FlushingOutput {
  private final Transport transport;
  private boolean shut;

  HijackOutput(OutputStream out, Transport transport) {
    super(out);
    this.transport = transport;
  }

  @Override
  public synchronized void close() throws IOException {
    if (!shut) {
      shut = true;
      out.flush();
      transport.shutdownOutput();
    }
  }
}
