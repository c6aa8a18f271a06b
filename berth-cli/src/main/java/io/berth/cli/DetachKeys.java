package io.berth.cli;

import java.io.ByteArrayOutputStream;

/**
 * The detach key sequence (moby/term ToBytes and its escape proxy): {@code ctrl-p,ctrl-q} by
 * default. {@link #filter} passes keystrokes through, holding back a partial match of the
 * sequence until it either completes (detach) or breaks (the held bytes are sent after all).
 */
final class DetachKeys {
  static final String DEFAULT = "ctrl-p,ctrl-q";

  private final byte[] sequence;
  private int matched;

  private DetachKeys(byte[] sequence) {
    this.sequence = sequence;
  }

  /** Parses {@code ctrl-x} names and single characters, comma separated. */
  static DetachKeys parse(String keys) {
    return new DetachKeys(io.berth.common.DetachKeySequence.toBytes(keys));
  }

  /** Docker falls back to the default sequence when the given one does not parse. */
  static DetachKeys parseOrDefault(String keys) {
    if (keys == null || keys.isEmpty()) {
      return parse(DEFAULT);
    }
    try {
      return parse(keys);
    } catch (IllegalArgumentException e) {
      return parse(DEFAULT);
    }
  }

  byte[] sequence() {
    return sequence.clone();
  }

  /** What to forward for one read, and whether the sequence completed in it. */
  record Filtered(byte[] forward, boolean detach) {}

  /** Feeds {@code n} bytes read from the terminal. */
  Filtered filter(byte[] buf, int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(n + sequence.length);
    for (int i = 0; i < n; i++) {
      byte b = buf[i];
      if (b == sequence[matched]) {
        matched++;
        if (matched == sequence.length) {
          matched = 0;
          return new Filtered(out.toByteArray(), true);
        }
        continue;
      }
      if (matched > 0) {
        // The sequence broke: the held keystrokes were typed for the container after all.
        out.write(sequence, 0, matched);
        matched = 0;
        if (b == sequence[0]) {
          matched = 1;
          continue;
        }
      }
      out.write(b);
    }
    return new Filtered(out.toByteArray(), false);
  }
}
