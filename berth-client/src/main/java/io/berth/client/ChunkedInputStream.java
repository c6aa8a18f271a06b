package io.berth.client;

import io.berth.common.BulkInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Decodes an HTTP/1.1 chunked body; trailers are read and dropped. */
final class ChunkedInputStream extends BulkInputStream {
  private final InputStream in;
  private long chunkLeft;
  private boolean done;

  ChunkedInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (done || (chunkLeft == 0 && !nextChunk())) {
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, chunkLeft));
    if (n == -1) {
      throw new IOException("unexpected EOF inside a chunk");
    }
    chunkLeft -= n;
    if (chunkLeft == 0) {
      String crlf = HttpResponseReader.readLine(in);
      if (crlf == null || !crlf.isEmpty()) {
        throw new IOException("malformed chunk terminator");
      }
    }
    return n;
  }

  private boolean nextChunk() throws IOException {
    String line = HttpResponseReader.readLine(in);
    if (line == null) {
      throw new IOException("unexpected EOF reading chunk size");
    }
    int semicolon = line.indexOf(';');
    String size = (semicolon >= 0 ? line.substring(0, semicolon) : line).strip();
    try {
      chunkLeft = Long.parseLong(size, 16);
    } catch (NumberFormatException e) {
      throw new IOException("malformed chunk size: " + line);
    }
    if (chunkLeft == 0) {
      String trailer;
      do {
        trailer = HttpResponseReader.readLine(in);
      } while (trailer != null && !trailer.isEmpty());
      done = true;
      return false;
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
