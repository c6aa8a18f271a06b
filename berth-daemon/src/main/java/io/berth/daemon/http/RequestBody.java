package io.berth.daemon.http;

import io.berth.common.BulkInputStream;
import java.io.IOException;

/**
 * A request body framed by Content-Length or chunked encoding, read from the connection.
 * It ends at the frame's end, not at the connection's, so the next request stays readable.
 */
abstract sealed class RequestBody extends BulkInputStream
    permits RequestBody.Empty, RequestBody.FixedLength, RequestBody.Chunked {

  private Runnable beforeFirstRead;
  private Runnable onEnd;
  private boolean ended;
  private boolean broken;

  /** Runs once, just before the first read touches the connection (answers Expect: 100-continue). */
  final void beforeFirstRead(Runnable action) {
    this.beforeFirstRead = action;
  }

  /** Runs once when the body has been read to its end; immediately if it already has. */
  final synchronized void onEnd(Runnable action) {
    if (ended) {
      action.run();
    } else {
      this.onEnd = action;
    }
  }

  final boolean ended() {
    return ended;
  }

  /** Whether an Expect: 100-continue is still unanswered because nobody read the body. */
  final boolean awaitingContinue() {
    return beforeFirstRead != null;
  }

  private void starting() {
    Runnable action = beforeFirstRead;
    beforeFirstRead = null;
    if (action != null) {
      action.run();
    }
  }

  final void end() {
    Runnable action;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      action = onEnd;
      onEnd = null;
    }
    if (action != null) {
      action.run();
    }
  }

  @Override
  public final int read(byte[] b, int off, int len) throws IOException {
    if (ended) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    if (broken) {
      throw new ProtocolException(400, "request body unreadable after an earlier error");
    }
    starting();
    int n;
    try {
      n = readFrame(b, off, len);
    } catch (IOException | RuntimeException e) {
      broken = true; // the framing is lost: nothing more can be read from this connection
      throw e;
    }
    if (n < 0) {
      end();
    }
    return n;
  }

  /** Reads within the frame; -1 once the frame is complete. */
  abstract int readFrame(byte[] b, int off, int len) throws IOException;

  /**
   * Reads and discards the rest of the body, at most {@code limit} bytes. Returns whether the
   * body ended, i.e. whether the connection can carry another request.
   */
  final boolean drain(long limit) throws IOException {
    byte[] scratch = new byte[8192];
    long left = limit;
    while (!ended) {
      if (left <= 0) {
        return false;
      }
      int n = read(scratch, 0, (int) Math.min(scratch.length, left));
      if (n > 0) {
        left -= n;
      }
    }
    return true;
  }

  /** The handler closing the body does not close the connection. */
  @Override
  public void close() {}

  static final class Empty extends RequestBody {
    Empty() {
      end();
    }

    @Override
    int readFrame(byte[] b, int off, int len) {
      return -1;
    }
  }

  static final class FixedLength extends RequestBody {
    private final ConnectionInput in;
    private long remaining;

    FixedLength(ConnectionInput in, long length) {
      this.in = in;
      this.remaining = length;
    }

    @Override
    int readFrame(byte[] b, int off, int len) throws IOException {
      if (remaining == 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n < 0) {
        throw new ProtocolException(400, "unexpected EOF: request body shorter than Content-Length");
      }
      remaining -= n;
      return n;
    }

    @Override
    public int available() {
      return (int) Math.min(remaining, in.available());
    }
  }

  static final class Chunked extends RequestBody {
    private static final int MAX_LINE = 4096;
    private final ConnectionInput in;
    private long chunkLeft;
    private boolean last;

    Chunked(ConnectionInput in) {
      this.in = in;
    }

    @Override
    int readFrame(byte[] b, int off, int len) throws IOException {
      if (last) {
        return -1;
      }
      if (chunkLeft == 0) {
        in.gathering(true);
        chunkLeft = nextChunkSize();
        if (chunkLeft == 0) {
          in.gathering(false);
          readTrailers();
          last = true;
          return -1;
        }
      }
      int n = in.read(b, off, (int) Math.min(len, chunkLeft));
      if (n < 0) {
        throw new ProtocolException(400, "unexpected EOF in chunked request body");
      }
      chunkLeft -= n;
      if (chunkLeft == 0) {
        String crlf = in.readLine(2);
        if (crlf == null || !crlf.isEmpty()) {
          throw new ProtocolException(400, "malformed chunked encoding");
        }
      }
      return n;
    }

    private long nextChunkSize() throws IOException {
      String line = in.readLine(MAX_LINE);
      if (line == null) {
        throw new ProtocolException(400, "unexpected EOF in chunked request body");
      }
      int semi = line.indexOf(';');
      String hex = (semi < 0 ? line : line.substring(0, semi)).strip();
      if (hex.isEmpty() || hex.length() > 15) {
        throw new ProtocolException(400, "malformed chunked encoding");
      }
      try {
        return Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        throw new ProtocolException(400, "malformed chunked encoding");
      }
    }

    private void readTrailers() throws IOException {
      int budget = 64 * 1024;
      while (true) {
        String line = in.readLine(MAX_LINE);
        if (line == null) {
          throw new ProtocolException(400, "unexpected EOF in chunked request body");
        }
        if (line.isEmpty()) {
          return;
        }
        budget -= line.length();
        if (budget < 0) {
          throw new ProtocolException(431, "Request Header Fields Too Large");
        }
      }
    }

    @Override
    public int available() {
      return (int) Math.min(chunkLeft, in.available());
    }
  }
}
