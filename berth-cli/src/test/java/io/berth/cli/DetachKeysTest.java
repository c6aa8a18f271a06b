package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DetachKeysTest {
  private static DetachKeys.Filtered feed(DetachKeys keys, String text) {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    return keys.filter(b, b.length);
  }

  private static String text(DetachKeys.Filtered f) {
    return new String(f.forward(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void parsesMobyTermNames() {
    assertArrayEquals(new byte[] {16, 17}, DetachKeys.parse(DetachKeys.DEFAULT).sequence());
    assertArrayEquals(new byte[] {0, 27, 28, 29, 30, 31, 'a'}, DetachKeys.parse("ctrl-@,ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_,a").sequence());
    assertEquals("Unknown character: 'ctrl-1'", assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse("ctrl-1")).getMessage());
    assertEquals("Unknown character: 'ab'", assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse("ab")).getMessage());
    assertArrayEquals(new byte[] {16, 17}, DetachKeys.parseOrDefault("bogus-key").sequence());
  }

  @Test
  void sequenceInOneReadDetachesAfterForwardingWhatCameBefore() {
    DetachKeys.Filtered f = feed(DetachKeys.parse(DetachKeys.DEFAULT), "ls\u0010\u0011more");
    assertTrue(f.detach());
    assertEquals("ls", text(f));
  }

  @Test
  void sequenceSplitAcrossReads() {
    DetachKeys keys = DetachKeys.parse(DetachKeys.DEFAULT);
    DetachKeys.Filtered first = feed(keys, "x\u0010");
    assertFalse(first.detach());
    assertEquals("x", text(first));
    assertTrue(feed(keys, "\u0011").detach());
  }

  @Test
  void brokenSequenceIsForwardedAfterAll() {
    DetachKeys keys = DetachKeys.parse(DetachKeys.DEFAULT);
    assertEquals("", text(feed(keys, "\u0010")));
    DetachKeys.Filtered f = feed(keys, "a");
    assertFalse(f.detach());
    assertEquals("\u0010a", text(f));
    // A repeated first key restarts the match rather than losing it.
    DetachKeys.Filtered again = feed(keys, "\u0010\u0010\u0011");
    assertTrue(again.detach());
    assertEquals("\u0010", text(again));
  }
}
