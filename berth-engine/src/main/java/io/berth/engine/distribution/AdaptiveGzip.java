package io.berth.engine.distribution;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The gzip a pushed layer is sent as: speed 1, except for stretches that do not compress, which
 * are stored. Any gzip stream is a valid layer blob (a registry and a puller check only its
 * digest, which is whatever these bytes hash to), and deflating incompressible data (media,
 * archives, random bytes) costs ~60 ms a MB here for nothing, so every 4 MiB the start of the
 * stretch is tried at speed 1 on the side and the stretch is stored when that saved under 3%.
 * Write through a buffer: the probe is the first 32 KiB of the write that opens a stretch.
 */
final class AdaptiveGzip extends GZIPOutputStream {
  private static final int STRETCH = 4 << 20;
  private static final int PROBE = 32 << 10;
  private static final double STORE_ABOVE = 0.97;
  private final Deflater probe = new Deflater(Deflater.BEST_SPEED, true);
  private final byte[] scratch = new byte[PROBE + 1024];
  private long left;

  AdaptiveGzip(OutputStream out) throws IOException {
    super(out, 1 << 16);
    def.setLevel(Deflater.BEST_SPEED);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (left == 0) {
        def.setLevel(compresses(b, off, Math.min(len, PROBE)) ? Deflater.BEST_SPEED : Deflater.NO_COMPRESSION);
        left = STRETCH;
      }
      int n = (int) Math.min(len, left);
      super.write(b, off, n);
      left -= n;
      off += n;
      len -= n;
    }
  }

  /** Whether speed 1 saves at least 3% on this sample. */
  private boolean compresses(byte[] b, int off, int len) {
    probe.reset();
    probe.setInput(b, off, len);
    probe.finish();
    int out = 0;
    while (!probe.finished() && out < scratch.length) {
      out += probe.deflate(scratch, out, scratch.length - out);
    }
    return probe.finished() && out < len * STORE_ABOVE;
  }

  @Override
  public void finish() throws IOException {
    super.finish();
    probe.end();
  }
}
