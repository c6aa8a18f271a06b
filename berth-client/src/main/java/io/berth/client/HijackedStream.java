package io.berth.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The raw byte streams of a connection the daemon upgraded ({@code Upgrade: tcp}, 101): what the
 * container writes comes from {@link #input()} (multiplexed unless it has a TTY), what we write to
 * {@link #output()} goes to its stdin.
 */
public final class HijackedStream implements AutoCloseable {
  private final Connection connection;
  private final InputStream input;

  HijackedStream(Connection connection, InputStream input) {
    this.connection = connection;
    this.input = input;
  }

  public InputStream input() {
    return input;
  }

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
