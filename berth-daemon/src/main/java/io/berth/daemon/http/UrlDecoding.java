package io.berth.daemon.http;

import io.berth.common.BerthException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Percent-decoding as Go's net/url does it: strict about malformed escapes. */
final class UrlDecoding {
  private UrlDecoding() {}

  /** Decodes a path: {@code %XX} escapes only, '+' stays '+'. */
  static String path(String text) {
    return decode(text, false);
  }

  /** Decodes a query component: {@code %XX} escapes and '+' as space. */
  static String queryComponent(String text) {
    return decode(text, true);
  }

  private static String decode(String text, boolean plusIsSpace) {
    if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
      return text;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b == '%') {
        int hi = i + 2 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
        int lo = hi >= 0 ? Character.digit(bytes[i + 2], 16) : -1;
        if (lo < 0) {
          String escape = text.substring(Math.min(i, text.length()), Math.min(i + 3, text.length()));
          throw new BerthException.InvalidParameter("invalid URL escape \"" + escape + "\"");
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else if (b == '+' && plusIsSpace) {
        out.write(' ');
      } else {
        out.write(b);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
