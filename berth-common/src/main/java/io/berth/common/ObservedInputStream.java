package io.berth.common;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Hands every byte read through it to an observer (to count, copy or hash it), skipped bytes included: a skip
 * reads through, so the observer sees the whole stream. The caller owns the underlying stream's closing only
 * through {@link #close()}, as with any filter.
 */
public class ObservedInputStream extends FilterInputStream {
  /** Sees {@code len} bytes of {@code b} from {@code off}, each read once, in order. */
  @FunctionalInterface
  public interface Observer {
    void read(byte[] b, int off, int len) throws IOException;
  }

  private final Observer observer;

  public ObservedInputStream(InputStream in, Observer observer) {
    super(in);
    this.observer = observer;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      observer.read(b, off, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[(int) Math.min(n, 65536)];
    long done = 0;
    while (done < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
