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
    ByteArrayOutputStream codes = new ByteArrayOutputStream();
    for (String key : keys.split(",", -1)) {
      if (key.length() == 1) {
        codes.write(key.charAt(0));
        continue;
      }
      int code = controlCode(key);
      if (code < 0) {
        throw new IllegalArgumentException("Unknown character: '" + key + "'");
      }
      codes.write(code);
    }
    return new DetachKeys(codes.toByteArray());
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

  private static int controlCode(String key) {
    if (!key.startsWith("ctrl-") || key.length() != 6) {
      return -1;
    }
    char c = key.charAt(5);
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 1;
    }
    return switch (c) {
      case '@' -> 0;
      case '[' -> 27;
      case '\\' -> 28;
      case ']' -> 29;
      case '^' -> 30;
      case '_' -> 31;
      default -> -1;
    };
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
