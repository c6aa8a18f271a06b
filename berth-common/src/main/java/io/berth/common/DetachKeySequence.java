package io.berth.common;

import java.io.ByteArrayOutputStream;

/**
 * Docker's detach key syntax (moby/term ToBytes): comma-separated {@code ctrl-@} ... {@code ctrl-_}, {@code DEL}
 * and single characters.
 */
public final class DetachKeySequence {
  private DetachKeySequence() {}

  /** The bytes of {@code keys}; an unknown key is an IllegalArgumentException in ToBytes' words. */
  public static byte[] toBytes(String keys) {
    ByteArrayOutputStream codes = new ByteArrayOutputStream();
    for (String key : keys.split(",", -1)) {
      if (key.length() == 1) {
        codes.write(key.charAt(0));
      } else if (key.equals("DEL")) {
        codes.write(127);
      } else {
        int code = controlCode(key);
        if (code < 0) {
          throw new IllegalArgumentException("Unknown character: '" + key + "'");
        }
        codes.write(code);
      }
    }
    return codes.toByteArray();
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
}
