package io.berth.dockerfile.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void quoteLikeStrconv() {
    assertEquals("\"a\\\"b\\\\c\"", GoText.quote("a\"b\\c"));
    assertEquals("\"\\t\\n\\x00\\x7f\\u00a0é☃\"", GoText.quote("\t\n\u0000\u007f\u00a0é☃"));
    assertEquals("\"\uD83D\uDE00\"", GoText.quote("\uD83D\uDE00")); // printable: as it is
    assertEquals("\"\\U000e0001\"", GoText.quote("\uDB40\uDC01")); // a format character
    assertEquals("[\"--a\" \"b c\"]", GoText.quoteList(List.of("--a", "b c")));
  }

  @Test
  void spaceLikeGo() {
    assertEquals("x", GoText.trimSpace("\u00a0\u0085 x\u2003\t"));
    assertEquals("\u001cx", GoText.trimSpace("\u001cx")); // Java would strip it, Go does not
  }

  @Test
  void durations() {
    assertEquals(Duration.ofMillis(1500), GoDuration.parse("1.5s"));
    assertEquals(Duration.ofMinutes(90), GoDuration.parse("1h30m"));
    assertEquals(Duration.ofNanos(1), GoDuration.parse("1ns"));
    assertEquals(Duration.ofNanos(1500), GoDuration.parse("1.5µs"));
    assertEquals(Duration.ZERO, GoDuration.parse("0"));
    assertEquals(Duration.ofSeconds(-2), GoDuration.parse("-2s"));
    assertEquals("time: missing unit in duration \"1\"", assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("1")).getMessage());
    assertEquals("time: unknown unit \"x\" in duration \"1x\"", assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("1x")).getMessage());
    assertEquals("time: invalid duration \"\"", assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("")).getMessage());
    assertEquals("time: invalid duration \".s\"", assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(".s")).getMessage());
  }

  @Test
  void suggestions() {
    assertEquals(Optional.of("RUN"), Suggest.search("RUNN", List.of("RUN", "FROM"), false));
    assertEquals(Optional.of("run"), Suggest.search("runn", List.of("RUN", "FROM"), false));
    assertEquals(Optional.empty(), Suggest.search("RUN", List.of("RUN"), false));
    assertEquals(Optional.empty(), Suggest.search("xyzzy", List.of("RUN"), false));
    assertEquals(3, Suggest.distance("kitten", "sitting"));
  }
}
