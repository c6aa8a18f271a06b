package io.berth.daemon.http;

import java.io.OutputStream;

/**
 * Writes a streamed response body (events, pull progress, logs). Each write reaches the client
 * at once as one chunk, so write whole records (a JSON line, a log frame) per call.
 */
@FunctionalInterface
public interface StreamBody {
  void writeTo(OutputStream out) throws Exception;
}
