package io.berth.daemon.http;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Serves a hijacked connection (attach, exec start): after the upgrade the connection is a raw
 * bidirectional byte stream. {@code in} reaches end of stream when the client shuts down its
 * write side, and {@code out} keeps working after that; closing {@code out} shuts down the
 * server's write side. Every write is flushed. The connection is closed when this returns.
 */
@FunctionalInterface
public interface HijackHandler {
  void serve(InputStream in, OutputStream out) throws Exception;
}
