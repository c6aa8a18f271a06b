package io.berth.daemon.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.ReadableByteChannel;

/**
 * The byte stream under one HTTP connection: the accepted socket itself, or TLS over it. One
 * thread may read while another writes (hijacked streams, client watches).
 */
sealed interface Transport permits PlainTransport, TlsTransport {
  /** The read side; -1 at the end of the client's stream. */
  ReadableByteChannel input();

  /** The write side, unbuffered; closing it does nothing (ending is {@link #shutdownOutput} or {@link #close}). */
  OutputStream output();

  /** Ends the server's direction only (TLS: after a close_notify); the client may go on sending. */
  void shutdownOutput() throws IOException;

  /** Ends the connection; a TLS connection says goodbye first if it can within a few seconds. */
  void close();
}
