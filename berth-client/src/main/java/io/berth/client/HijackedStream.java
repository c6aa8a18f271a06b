package io.berth.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The raw byte streams of a connection the daemon upgraded ({@code Upgrade: tcp}, 101): what the
 * container writes comes from {@link #input()} (multiplexed unless it has a TTY), what we write to
 * {@link #output()} goes to its stdin.
 */
public record HijackedStream(Connection connection, InputStream input) implements AutoCloseable {
  public OutputStream output() {
    return connection.output();
  }

  /** Signals end of stdin while still reading the output. */
  public void closeWrite() throws IOException {
    connection.shutdownOutput();
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
