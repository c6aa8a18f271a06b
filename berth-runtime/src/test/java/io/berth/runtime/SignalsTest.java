package io.berth.runtime;

import io.berth.common.BerthException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SignalsTest {
  @Test
  void parsesNamesWithOrWithoutSigAndNumbers() {
    assertEquals(15, Signals.parse("TERM"));
    assertEquals(15, Signals.parse("SIGTERM"));
    assertEquals(15, Signals.parse("sigterm"));
    assertEquals(9, Signals.parse("9"));
    assertEquals(9, Signals.parse("KILL"));
    assertEquals(1, Signals.parse("HUP"));
    assertEquals(28, Signals.parse("WINCH"));
    assertEquals(34, Signals.parse("RTMIN"));
    assertEquals(37, Signals.parse("SIGRTMIN+3"));
    assertEquals(62, Signals.parse("RTMAX-2"));
    assertEquals(64, Signals.parse("RTMAX"));
    assertEquals(6, Signals.parse("IOT"));
  }

  @Test
  void rejectsWhatDockerRejects() {
    for (String bad : new String[] {"0", "65", "NOPE", "SIG", "", "-1", "99999999999"}) {
      var e = assertThrows(BerthException.InvalidParameter.class, () -> Signals.parse(bad), bad);
      assertEquals("Invalid signal: " + bad, e.getMessage());
    }
  }

  @Test
  void namesNumbers() {
    assertEquals("SIGTERM", Signals.name(15));
    assertEquals("SIGKILL", Signals.name(9));
    assertEquals("SIGRTMIN+1", Signals.name(35));
    assertEquals("SIGRTMAX-1", Signals.name(63));
    assertEquals("SIGRTMAX", Signals.name(64));
    assertEquals("SIG99", Signals.name(99));
  }
}
